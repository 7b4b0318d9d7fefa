import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { PinStore } from '../../../../libs/contracts-kit/src/pins/index.js';
import type { LedgerRepository } from '../../../../libs/ledger/src/index.js';
import { PINS, PINS_LEDGER } from './pins.tokens.js';

/** What `contract promote` says it did, recorded with the reload it asks for. */
interface PromotionNote {
  partner?: string;
  ref?: string;
  forced?: boolean;
  last?: number;
  examined?: number;
  withDifferences?: number;
}

@ApiTags('operations')
@Controller('v1/pins')
export class PinsController {
  constructor(
    @Inject(PINS) private readonly pins: PinStore,
    @Inject(PINS_LEDGER) private readonly ledger: LedgerRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The partner pins in force now: default version, routes (by routing key, effective from) and shadow version per partner' })
  list() {
    const s = this.pins.snapshot;
    return {
      file: s.path,
      loadedAt: s.loadedAt,
      partners: [...s.config.partners.values()].map((p) => ({ partner: p.name, contract: p.contract, routes: p.routes, shadow: s.shadows.get(p.name) ?? null })),
    };
  }

  @Post('reload')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-read the partner pins now (they also reload on file change). An invalid file is refused (409) and the pins in force stay; each change is audited' })
  async reload(@Res({ passthrough: true }) reply: FastifyReply, @Body() body?: { promotion?: PromotionNote }, @Headers('x-actor') actor?: string) {
    const result = await this.pins.reload(body?.promotion ? 'promote' : 'api');
    const promotion = body?.promotion;
    if (promotion) {
      await this.ledger.appendAudit(actor ?? 'api', promotion.forced ? 'contract-promote-forced' : 'contract-promote', { ...promotion, applied: result.ok, ...(result.ok ? {} : { refusedWith: result.code }) });
    }
    if (!result.ok) {
      void reply.status(409);
      return { code: 'PINS.RELOAD_REFUSED', message: `pins not reloaded, the previous pins stay in force: ${result.message}`, cause: result.code };
    }
    const partner = promotion?.partner;
    return {
      ok: true,
      changes: result.changes,
      ...(partner && this.pins.partners.has(partner) ? { current: { partner, contract: this.pins.partners.get(partner)!.contract, shadow: this.pins.shadowFor(partner) ?? null } } : {}),
    };
  }
}
