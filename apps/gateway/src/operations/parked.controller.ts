import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, UsePipes, ValidationPipe } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import type { DeliveryControlRepository, ParkedFilter } from '../../../../libs/ledger/src/index.js';
import { CONTROL } from './operations.tokens.js';
import { ReplayRequestDto } from './replay-request.dto.js';

const toFilter = (q: { partner?: string; from?: string; to?: string; errorCode?: string; contractVersion?: string; ids?: string[] }): ParkedFilter => ({
  partner: q.partner,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
  errorCode: q.errorCode,
  contractVersion: q.contractVersion,
  ids: q.ids,
});

@ApiTags('operations')
@Controller('v1/parked')
export class ParkedController {
  constructor(@Inject(CONTROL) private readonly control: DeliveryControlRepository) {}

  @Get()
  @ApiOperation({ summary: 'Parked notifications with reason, code and attempt count' })
  @ApiQuery({ name: 'partner', required: false })
  @ApiQuery({ name: 'errorCode', required: false })
  @ApiQuery({ name: 'contractVersion', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  list(@Query() q: Record<string, string>) {
    return this.control.listParked({ ...toFilter(q), limit: q.limit ? Number(q.limit) : 200 });
  }

  @Post('replay')
  @HttpCode(200)
  @UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))
  @ApiOperation({ summary: 'Replay parked notifications by filter, optionally through another contract version; audited' })
  async replay(@Body() body: ReplayRequestDto, @Headers('x-actor') actor?: string) {
    const filter = toFilter(body);
    if (!Object.values(filter).some((v) => v !== undefined)) throw new CodedError('PAYLOAD.REPLAY_FILTER_REQUIRED', 'give ids or at least one filter (partner, from, to, errorCode, contractVersion)');
    return this.control.replay(filter, { actor: actor ?? 'api', contractVersion: body.through });
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay one parked notification (optionally ?through=v2)' })
  async replayOne(@Param('id') id: string, @Query('through') through?: string, @Headers('x-actor') actor?: string) {
    if (through && !/^v\d+$/.test(through)) throw new CodedError('PAYLOAD.BAD_VERSION', 'through must look like v2');
    const result = await this.control.replay({ ids: [id] }, { actor: actor ?? 'api', contractVersion: through });
    if (result.count === 0) throw new CodedError('NOTIFICATION.NOT_FOUND', `no parked notification ${id}`);
    return result;
  }
}
