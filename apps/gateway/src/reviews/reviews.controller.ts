import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import type { ReviewRepository } from '../../../../libs/ledger/src/index.js';
import { OPERATOR_SCOPE } from '../auth/api-clients.js';
import { ApiClientName, RequireScope } from '../auth/api-key.guard.js';
import { readReviewDecision, readReviewFilter } from './review-decision.request.js';
import { REVIEWS } from './reviews.tokens.js';

/**
 * Notifications the routing rules could not decide wait for a person (ADR 0011): list them, and
 * send or dismiss one. The decision is recorded with the authenticated client's name — never a
 * name the caller supplies — and needs the `operator` scope.
 */
@ApiTags('operations')
@Controller('v1')
export class ReviewsController {
  constructor(@Inject(REVIEWS) private readonly reviews: ReviewRepository) {}

  @Get('reviews')
  @ApiOperation({ summary: 'Notifications awaiting a person (needs-review), soonest deadline first, with the evidence the routing rule found and how many later notifications wait behind each' })
  @ApiQuery({ name: 'partner', required: false })
  @ApiQuery({ name: 'minAge', required: false, description: 'only items at least this old: 90s, 30m, 2h, 1d or seconds' })
  @ApiQuery({ name: 'reason', required: false, description: 'substring of the review reason (case-insensitive)' })
  @ApiQuery({ name: 'limit', required: false, description: 'default 50, at most 500' })
  @ApiQuery({ name: 'offset', required: false })
  list(@Query() q: Record<string, string | undefined>) {
    const { filter, problems } = readReviewFilter(q);
    if (problems.length) throw new CodedError('PAYLOAD.INVALID', `review list query rejected: ${problems.length} problem(s)`, problems);
    return this.reviews.list(filter);
  }

  @Post('notifications/:id/review')
  @HttpCode(200)
  @RequireScope(OPERATOR_SCOPE)
  @ApiOperation({ summary: 'Decide a notification awaiting review: send (mapped with its pinned contract, then delivered as any other) or dismiss (reason required, final). 409 REVIEW.NOT_PENDING when it is not awaiting review; needs the operator scope; audited' })
  @ApiBody({ schema: { type: 'object', required: ['decision'], properties: { decision: { enum: ['send', 'dismiss'] }, reason: { type: 'string', maxLength: 2000 } } } })
  async decide(@Param('id') id: string, @Body() body: unknown, @ApiClientName() client: string) {
    const read = readReviewDecision(body);
    if (!read.ok) throw new CodedError('PAYLOAD.INVALID', `review decision rejected: ${read.problems.length} problem(s)`, read.problems);
    return this.reviews.decide(id, read.decision, { actor: `api:${client}`, reason: read.reason });
  }
}
