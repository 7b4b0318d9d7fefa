import { Controller, Get, Inject, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { OwedReconciler } from '../../../../libs/delivery/src/reconcile/owed-reconciler.js';
import { RECONCILER } from './operations.tokens.js';

@ApiTags('operations')
@Controller('v1/reconciliation')
export class ReconciliationController {
  constructor(@Inject(RECONCILER) private readonly reconciler: OwedReconciler | null) {}

  @Get()
  @ApiOperation({ summary: 'Per partner and day: obligated = acknowledged + in flight + parked + needs review (awaiting a person) + dismissed; overdue; unaccounted (in no queue and no person asked: must be 0)' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO date, default 7 days ago' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO date, default tomorrow' })
  async report(@Query('from') from?: string, @Query('to') to?: string) {
    if (!this.reconciler) throw new ServiceUnavailableException('reconciliation needs Redis (REDIS_URL)');
    const f = from ? new Date(from) : new Date(Date.now() - 7 * 86_400_000);
    const t = to ? new Date(to) : new Date(Date.now() + 86_400_000);
    const rows = await this.reconciler.report(f, t);
    return { from: f, to: t, rows, unaccounted: rows.reduce((n, r) => n + r.unaccounted, 0) };
  }
}
