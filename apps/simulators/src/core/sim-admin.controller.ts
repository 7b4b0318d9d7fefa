import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Put, Query } from '@nestjs/common';
import { parseFaults } from './faults.js';
import { PartnerRegistry } from './partner-registry.service.js';
import type { PartnerRuntime } from './partner-runtime.js';

/** Test-control API: what each partner received, its counters, and its faults. */
@Controller('_sim')
export class SimAdminController {
  constructor(@Inject(PartnerRegistry) private readonly registry: PartnerRegistry) {}

  @Get()
  partners() {
    return this.registry.all().map((r) => ({ name: r.partner.name, route: r.partner.route, stats: r.recorder.stats(), faults: r.getFaults() }));
  }

  @Get(':partner/received')
  received(@Param('partner') name: string, @Query('messageId') messageId?: string, @Query('limit') limit?: string) {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new BadRequestException('limit must be an integer 1..10000');
    const r = this.runtime(name);
    return { partner: name, stats: r.recorder.stats(), items: r.recorder.list(messageId || undefined, n) };
  }

  @Get(':partner/stats')
  stats(@Param('partner') name: string) {
    return this.runtime(name).recorder.stats();
  }

  @Delete(':partner/received')
  @HttpCode(204)
  reset(@Param('partner') name: string): void {
    this.runtime(name).recorder.reset();
  }

  @Get(':partner/faults')
  faults(@Param('partner') name: string) {
    return this.runtime(name).getFaults();
  }

  @Put(':partner/faults')
  setFaults(@Param('partner') name: string, @Body() body: unknown) {
    const r = this.runtime(name);
    const parsed = parseFaults(body);
    if (!parsed.ok) throw new BadRequestException(parsed.error);
    r.setFaults(parsed.faults);
    return parsed.faults;
  }

  @Delete(':partner/faults')
  @HttpCode(204)
  clearFaults(@Param('partner') name: string): void {
    this.runtime(name).setFaults({});
  }

  private runtime(name: string): PartnerRuntime {
    const r = this.registry.get(name);
    if (!r) throw new NotFoundException(`no simulated partner named ${name}`);
    return r;
  }
}
