import type { LedgerRepository } from './ledger.repository.js';
import type { AcceptEventInput, AcceptEventResult, PriorEvent } from './ledger.types.js';
import { MicroBatcher } from './micro-batcher.js';

/**
 * What to do with an event that amends a stored share of its hearing: return it with
 * `supersedesEventId` set, and the notifications it still owes (the rest as `decisions`).
 */
export type AmendmentStep = (input: AcceptEventInput, prior: PriorEvent) => AcceptEventInput;

/**
 * Group commit for accepts: requests arriving within `windowMs` (or until `maxBatch`) share one
 * transaction (`acceptEvents`). Each caller still gets its answer only after the commit that
 * holds its event, so the 202-after-durable promise is unchanged; under load one fsync serves
 * many events. At low load a request waits at most `windowMs`. With an amendment step, each
 * batch first asks (one statement) which of its events supersede a stored share of their hearing.
 */
export class AcceptBatcher {
  private readonly batcher: MicroBatcher<AcceptEventInput, AcceptEventResult>;

  constructor(
    ledger: Pick<LedgerRepository, 'acceptEvents'> & Partial<Pick<LedgerRepository, 'priorEvents'>>,
    maxBatch = 100,
    windowMs = 2,
    /** Transactions allowed at once; more requests wait and join the next batch. */
    maxConcurrent = 4,
    amend?: AmendmentStep,
  ) {
    const run = async (inputs: readonly AcceptEventInput[]): Promise<AcceptEventResult[]> => {
      if (!amend || !ledger.priorEvents || !inputs.some((e) => e.sharedTime)) return ledger.acceptEvents(inputs);
      const priors = await ledger.priorEvents(inputs);
      return ledger.acceptEvents(inputs.map((e, i) => (priors[i] ? amend(e, priors[i]) : e)));
    };
    this.batcher = new MicroBatcher(run, { maxBatch, windowMs, maxConcurrent });
  }

  accept(input: AcceptEventInput): Promise<AcceptEventResult> {
    return this.batcher.submit(input);
  }
}
