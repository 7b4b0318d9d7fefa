import { Inject, Injectable } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { createCjsePartner, type CjsePartnerOptions } from '../cjse/cjse.partner.js';
import { createEmPartner } from '../em/em.partner.js';
import { createLegalAidPartner } from '../legal-aid/legal-aid.partner.js';
import { createPrisonPartner } from '../prison/prison.partner.js';
import { createProbationPartner } from '../probation/probation.partner.js';
import { createProsecutionCaseFilePartner } from '../prosecution-case-file/prosecution-case-file.partner.js';
import { createPlatformPartner } from '../platform/platform.partner.js';
import { faultsFromEnv, type Faults } from './faults.js';
import { PartnerRuntime } from './partner-runtime.js';
import type { SimulatedPartner } from './simulated-partner.js';

export const SIM_OPTIONS = Symbol('SIM_OPTIONS');

export interface SimulatorsOptions {
  /** Partners to host; default CJSE, EM, platform, prison, probation, legal aid, prosecution case file. A factory gets the shared logger. */
  readonly partners?: (log: Logger) => SimulatedPartner[];
  /** Start-up faults per partner; merged over SIM_FAULTS from the environment. */
  readonly faults?: Readonly<Record<string, Faults>>;
  /** Messages kept per partner (counts are exact regardless). Default SIM_RECORD_LIMIT or 200000. */
  readonly recordCapacity?: number;
  /** pino level; 'silent' in tests. Default LOG_LEVEL or 'info'. */
  readonly logLevel?: string;
  readonly cjse?: CjsePartnerOptions;
}

/** All partners hosted by this process, by name. */
@Injectable()
export class PartnerRegistry {
  readonly log: Logger;
  private readonly runtimes = new Map<string, PartnerRuntime>();

  constructor(@Inject(SIM_OPTIONS) options: SimulatorsOptions) {
    this.log = pino({ name: 'simulators', level: options.logLevel ?? process.env.LOG_LEVEL ?? 'info' });
    const capacity = options.recordCapacity ?? Number(process.env.SIM_RECORD_LIMIT ?? 200_000);
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('SIM_RECORD_LIMIT must be a positive integer');
    const faults = { ...faultsFromEnv(process.env.SIM_FAULTS), ...options.faults };
    const partners = options.partners ? options.partners(this.log) : [createCjsePartner(this.log, options.cjse), createEmPartner(), createPlatformPartner(), createPrisonPartner(), createProbationPartner(), createLegalAidPartner(), createProsecutionCaseFilePartner()];
    for (const p of partners) {
      if (this.runtimes.has(p.name)) throw new Error(`two simulated partners are named ${p.name}`);
      this.runtimes.set(p.name, new PartnerRuntime(p, capacity, faults[p.name] ?? {}, this.log));
    }
    const unknown = Object.keys(faults).filter((n) => !this.runtimes.has(n));
    if (unknown.length) throw new Error(`faults given for unknown partners: ${unknown.join(', ')}`);
  }

  get(name: string): PartnerRuntime | undefined {
    return this.runtimes.get(name);
  }

  all(): PartnerRuntime[] {
    return [...this.runtimes.values()];
  }
}
