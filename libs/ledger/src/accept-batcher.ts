import type { LedgerRepository } from './ledger.repository.js';
import type { AcceptEventInput, AcceptEventResult } from './ledger.types.js';

interface Waiting {
  readonly input: AcceptEventInput;
  resolve(r: AcceptEventResult): void;
  reject(e: unknown): void;
}

/**
 * Group commit for accepts: requests arriving within `windowMs` (or until `maxBatch`) share one
 * transaction (`acceptEvents`). Each caller still gets its answer only after the commit that
 * holds its event, so the 202-after-durable promise is unchanged; under load one fsync serves
 * many events. At low load a request waits at most `windowMs`.
 */
export class AcceptBatcher {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;

  constructor(
    private readonly ledger: Pick<LedgerRepository, 'acceptEvents'>,
    private readonly maxBatch = 100,
    private readonly windowMs = 2,
    /** Transactions allowed at once; more requests wait and join the next batch. */
    private readonly maxConcurrent = 4,
  ) {}

  accept(input: AcceptEventInput): Promise<AcceptEventResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.queue.length || this.inFlight >= this.maxConcurrent) {
      if (this.queue.length) this.timer = setTimeout(() => this.flush(), this.windowMs);
      return;
    }
    const batch = this.queue.splice(0, this.maxBatch);
    this.inFlight++;
    this.ledger.acceptEvents(batch.map((w) => w.input)).then(
      (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
      (e: unknown) => batch.forEach((w) => w.reject(e)),
    ).finally(() => {
      this.inFlight--;
      if (this.queue.length) this.flush();
    });
  }
}
