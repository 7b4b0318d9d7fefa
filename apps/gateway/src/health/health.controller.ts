import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { LedgerRepository } from '../../../../libs/ledger/src/index.js';
import { LEDGER } from '../tokens.js';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(@Inject(LEDGER) private readonly ledger: LedgerRepository) {}

  /** Liveness: the process answers. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Readiness: the ledger answers, so accepting work is safe. */
  @Get('ready')
  async ready() {
    try {
      await this.ledger.listNotifications({ limit: 1 });
      return { status: 'ready' };
    } catch {
      throw new ServiceUnavailableException('ledger unavailable');
    }
  }
}
