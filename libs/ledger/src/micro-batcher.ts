export interface MicroBatcherOptions<I> {
  /** Most inputs one run takes. */
  readonly maxBatch: number;
  /** How long the first input of a batch waits for company; 0 = until the current I/O turn ends. */
  readonly windowMs: number;
  /**
   * Wait the window only while busy: when the previous run started less than `windowMs` ago.
   * An input arriving after a quiet spell runs at the end of the current turn, so light traffic
   * pays no added latency and heavy traffic gets batches large enough to amortise each statement.
   */
  readonly lingerWhenBusy?: boolean;
  /** Runs allowed at once; inputs arriving meanwhile wait and form the next batch. */
  readonly maxConcurrent: number;
  /** Inputs with the same key never share a run (a later one waits for the next). */
  readonly keyOf?: (input: I) => string;
}

interface Waiting<I, O> {
  readonly input: I;
  resolve(result: O): void;
  reject(e: unknown): void;
}

/**
 * Group work that arrives close together into one call (one statement, one commit, one round
 * trip). Each caller gets its own result only when the run that holds its input has finished, so
 * batching changes cost, never what a caller is promised. `run` answers per input, in input
 * order; an Error in a slot rejects only that caller, a thrown error rejects the whole run.
 */
export class MicroBatcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private scheduled = false;
  private inFlight = 0;
  private lastRunAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly run: (inputs: readonly I[]) => Promise<readonly (O | Error)[]>,
    private readonly opts: MicroBatcherOptions<I>,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.queue.length >= this.opts.maxBatch) this.flush();
      else this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      this.flush();
    };
    const { windowMs, lingerWhenBusy } = this.opts;
    const wait = windowMs > 0 && (!lingerWhenBusy || performance.now() - this.lastRunAt < windowMs);
    if (wait) setTimeout(go, windowMs);
    else setImmediate(go);
  }

  private take(): Waiting<I, O>[] {
    const { keyOf, maxBatch } = this.opts;
    if (!keyOf) return this.queue.splice(0, maxBatch);
    const seen = new Set<string>();
    const batch: Waiting<I, O>[] = [];
    const rest: Waiting<I, O>[] = [];
    for (const w of this.queue) {
      const key = keyOf(w.input);
      if (batch.length < maxBatch && !seen.has(key)) {
        seen.add(key);
        batch.push(w);
      } else rest.push(w);
    }
    this.queue = rest;
    return batch;
  }

  private flush(): void {
    if (!this.queue.length || this.inFlight >= this.opts.maxConcurrent) return;
    const batch = this.take();
    this.inFlight++;
    this.lastRunAt = performance.now();
    this.run(batch.map((w) => w.input))
      .then(
        (results) =>
          batch.forEach((w, i) => {
            const r = results[i];
            if (r instanceof Error) w.reject(r);
            else if (r === undefined && results.length !== batch.length) w.reject(new Error(`BATCH.RESULT_MISSING: run answered ${results.length} of ${batch.length}`));
            else w.resolve(r as O);
          }),
        (e: unknown) => batch.forEach((w) => w.reject(e)),
      )
      .finally(() => {
        this.inFlight--;
        if (this.queue.length) {
          if (this.queue.length >= this.opts.maxBatch) this.flush();
          else this.schedule();
        }
      });
  }
}
