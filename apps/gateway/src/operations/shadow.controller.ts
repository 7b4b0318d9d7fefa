import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import type { ShadowRepository } from '../../../../libs/ledger/src/index.js';
import { SHADOW_RESULTS } from './pins.tokens.js';

@ApiTags('operations')
@Controller('v1/shadow')
export class ShadowController {
  constructor(@Inject(SHADOW_RESULTS) private readonly results: ShadowRepository) {}

  @Get()
  @ApiOperation({ summary: "The last N shadowed notifications of a partner: what its shadow version would have sent differently (by XPath / JSON pointer)" })
  @ApiQuery({ name: 'partner', required: true })
  @ApiQuery({ name: 'shadow', required: false, description: 'only this shadow version, e.g. police-results@v2' })
  @ApiQuery({ name: 'last', required: false, description: 'how many, newest first (default 50)' })
  async list(@Query('partner') partner?: string, @Query('shadow') shadow?: string, @Query('last') last?: string) {
    if (!partner) throw new CodedError('PAYLOAD.PARTNER_REQUIRED', 'give ?partner=');
    const n = last === undefined ? 50 : Number(last);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new CodedError('PAYLOAD.BAD_LAST', 'last must be an integer from 1 to 10000');
    const results = await this.results.latest(partner, { shadow, last: n });
    return {
      partner,
      shadow: shadow ?? null,
      last: n,
      examined: results.length,
      withDifferences: results.filter((r) => r.differenceCount > 0).length,
      differenceCount: results.reduce((t, r) => t + r.differenceCount, 0),
      results,
    };
  }
}
