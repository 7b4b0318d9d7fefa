import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import type { LedgerRepository, NotificationStatus } from '../../../../libs/ledger/src/index.js';
import { LEDGER } from '../tokens.js';

@ApiTags('platform')
@Controller('v1/notifications')
export class NotificationsController {
  constructor(@Inject(LEDGER) private readonly ledger: LedgerRepository) {}

  @Get(':id')
  @ApiOperation({ summary: 'One notification: status, contract version, attempts (time, outcome, error code) and the partner acknowledgement reference' })
  async get(@Param('id') id: string) {
    const n = await this.ledger.getNotification(id);
    if (!n) throw new CodedError('NOTIFICATION.NOT_FOUND', `no notification ${id}`);
    return n;
  }

  @Get()
  @ApiOperation({ summary: 'List notifications by status, partner or case URN' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'partner', required: false })
  @ApiQuery({ name: 'caseUrn', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async list(@Query('status') status?: string, @Query('partner') partner?: string, @Query('caseUrn') caseUrn?: string, @Query('limit') limit?: string) {
    return this.ledger.listNotifications({ status: status as NotificationStatus | undefined, partner, caseUrn, limit: limit ? Math.min(Number(limit), 1000) : 100 });
  }
}
