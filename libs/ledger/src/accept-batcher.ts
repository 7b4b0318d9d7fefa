import type { AmendmentStep } from './accept-events.js';
import type { LedgerRepository } from './ledger.repository.js';
import type { AcceptEventInput, AcceptEventResult } from './ledger.types.js';
import { MicroBatcher } from './micro-batcher.js';

/**
 * Group commit for accepts: requests arriving within `windowMs` (or until `maxBatch`) share one
 * transaction (`acceptEvents`). Each caller still gets its answer only after the commit that
 * holds its event, so the 202-after-durable promise is unchanged; under load one fsync serves
 * many events. At low load a request waits at most `windowMs`. `amend` decides what an event that
 * amends a stored share of its hearing owes; the batch's statement finds those (ADR 0012).
 */
export class AcceptBatcher {
  private readonly batcher: MicroBatcher<AcceptEventInput, AcceptEventResult>;

  constructor(
    ledger: Pick<LedgerRepository, 'acceptEvents'>,
    maxBatch = 100,
    windowMs = 2,
    /** Transactions allowed at once; more requests wait and join the next batch. */
    maxConcurrent = 4,
    amend?: AmendmentStep,
  ) {
    this.batcher = new MicroBatcher((inputs) => ledger.acceptEvents(inputs, amend), { maxBatch, windowMs, maxConcurrent });
  }

  accept(input: AcceptEventInput): Promise<AcceptEventResult> {
    return this.batcher.submit(input);
  }
}
