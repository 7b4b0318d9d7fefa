import { MicroBatcher } from './micro-batcher.js';

const deferred = () => {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
};

describe('MicroBatcher', () => {
  it('runs inputs submitted in the same turn as one call and answers each caller in order', async () => {
    const runs: number[][] = [];
    const b = new MicroBatcher(async (xs: readonly number[]) => (runs.push([...xs]), xs.map((x) => x * 10)), { maxBatch: 10, windowMs: 0, maxConcurrent: 1 });
    expect(await Promise.all([1, 2, 3].map((x) => b.submit(x)))).toEqual([10, 20, 30]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('splits at maxBatch and keeps at most maxConcurrent runs out; the rest form the next batch', async () => {
    const gate = deferred();
    let out = 0, peak = 0;
    const runs: number[][] = [];
    const b = new MicroBatcher(async (xs: readonly number[]) => {
      runs.push([...xs]);
      peak = Math.max(peak, ++out);
      await gate.done;
      out--;
      return xs;
    }, { maxBatch: 2, windowMs: 0, maxConcurrent: 1 });
    const all = Promise.all([1, 2, 3, 4, 5].map((x) => b.submit(x)));
    await new Promise((r) => setImmediate(r));
    gate.release();
    expect(await all).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(1);
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('never puts two inputs with the same key in one run', async () => {
    const runs: string[][] = [];
    const b = new MicroBatcher(async (xs: readonly string[]) => (runs.push([...xs]), xs), { maxBatch: 10, windowMs: 0, maxConcurrent: 1, keyOf: (x) => x });
    await Promise.all(['a', 'b', 'a', 'c', 'a'].map((x) => b.submit(x)));
    expect(runs).toEqual([['a', 'b', 'c'], ['a'], ['a']]);
  });

  it('an Error in a slot rejects only its caller; a thrown run rejects all of its callers only', async () => {
    let n = 0;
    const b = new MicroBatcher(async (xs: readonly number[]) => {
      if (n++ === 1) throw new Error('LEDGER.UNAVAILABLE');
      return xs.map((x) => (x === 2 ? new Error('LEDGER.NOT_FOUND') : x));
    }, { maxBatch: 3, windowMs: 0, maxConcurrent: 1 });
    const first = await Promise.allSettled([1, 2, 3].map((x) => b.submit(x)));
    expect(first.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const second = await Promise.allSettled([4, 5].map((x) => b.submit(x)));
    expect(second.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : 'ok'))).toEqual(['LEDGER.UNAVAILABLE', 'LEDGER.UNAVAILABLE']);
    expect(await b.submit(6)).toBe(6);
  });

  it('waits windowMs for company when asked to', async () => {
    const runs: number[][] = [];
    const b = new MicroBatcher(async (xs: readonly number[]) => (runs.push([...xs]), xs), { maxBatch: 10, windowMs: 20, maxConcurrent: 1 });
    const p1 = b.submit(1);
    await new Promise((r) => setTimeout(r, 5));
    const p2 = b.submit(2);
    await Promise.all([p1, p2]);
    expect(runs).toEqual([[1, 2]]);
  });

  it('with lingerWhenBusy, a quiet batcher runs at once and a busy one waits the window for company', async () => {
    const runs: { xs: number[]; at: number }[] = [];
    const t0 = performance.now();
    const b = new MicroBatcher(async (xs: readonly number[]) => (runs.push({ xs: [...xs], at: performance.now() - t0 }), xs), { maxBatch: 10, windowMs: 200, lingerWhenBusy: true, maxConcurrent: 1 });
    // Quiet: nothing ran in the last window, so the first input does not wait 200 ms.
    await b.submit(1);
    expect(runs[0]!.at).toBeLessThan(100);
    // Busy: a run started just now, so the next inputs wait the window and go together.
    const p2 = b.submit(2);
    await new Promise((r) => setTimeout(r, 20));
    const p3 = b.submit(3);
    await Promise.all([p2, p3]);
    expect(runs.map((r) => r.xs)).toEqual([[1], [2, 3]]);
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(150);
  });
});
