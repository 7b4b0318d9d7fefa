import { Body, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { RawBodyRequest } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AcceptHearingResultUseCase } from './accept-hearing-result.use-case.js';
import { intakeText } from './hearing-results.intake.js';

@ApiTags('platform')
@Controller('v1/hearing-results')
export class HearingResultsController {
  constructor(private readonly accept: AcceptHearingResultUseCase) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Accept a Common Platform hearing-resulted payload',
    description:
      'Derives the obligations (which partners must be told, how urgently, by when), records event + notifications + outbox in one transaction, then answers. Sending the same event again (same Event-Id or hearing id + sharedTime, and the same body in any key order or layout) returns the same ids and creates nothing; the same event key with a different body is a 409 EVENT.CONFLICT.',
  })
  @ApiHeader({ name: 'x-event-id', required: false, description: 'Platform event id; when absent it is derived from hearing id + sharedTime' })
  @ApiBody({ description: 'CP hearing-resulted JSON ({hearing, sharedTime}); unknown fields are tolerated and kept', schema: { type: 'object' } })
  @ApiResponse({ status: 202, description: '{ eventId, created, notifications: [{ id, partner, contract, status }], exclusions } — an amendment (a later sharedTime of a stored hearing) adds supersedesEventId and unchanged: [{ partner, contract, caseId, defendantId, reason }]' })
  @ApiResponse({ status: 400, description: '{ code: PAYLOAD.INVALID, problems: [{ code, path, message }] } — also for duplicate keys, NUL, lone surrogates, out-of-range numbers, over-long strings and non-UUID ids' })
  @ApiResponse({ status: 409, description: '{ code: EVENT.CONFLICT, eventId, storedBodyHash, receivedBodyHash, quarantineId }: the event key is recorded with a different body' })
  async post(@Body() body: unknown, @Req() req: RawBodyRequest<FastifyRequest>, @Headers('x-event-id') eventId?: string) {
    const raw = intakeText(req) ?? req.rawBody?.toString('utf8') ?? JSON.stringify(body);
    const result = await this.accept.execute(body, raw, eventId);
    const answer = { eventId: result.eventId, created: result.created, notifications: result.notifications, exclusions: result.exclusions };
    // An amendment also says what it supersedes and which partners it owed nothing (ADR 0012).
    return result.supersedesEventId ? Object.assign(answer, { supersedesEventId: result.supersedesEventId, unchanged: result.unchanged ?? [] }) : answer;
  }
}
