import { AcceptBatcher } from './accept-batcher.js';
import type { AcceptEventInput, AcceptEventResult } from './ledger.types.js';

const input = (id: string) => ({ eventId: id }) as AcceptEventInput;
const ok = (inputs: readonly AcceptEventInput[]): AcceptEventResult[] => inputs.map((i) => ({ created: true, eventId: i.eventId, notifications: [] }));

describe('AcceptBatcher', () => {
  it('commits concurrent accepts together and answers each caller with its own result', async () => {
    const calls: string[][] = [];
    const batcher = new AcceptBatcher({ acceptEvents: async (b) => (calls.push(b.map((i) => i.eventId)), ok(b)) }, 10, 5);
    const results = await Promise.all(['a', 'b', 'c'].map((id) => batcher.accept(input(id))));
    expect(results.map((r) => r.eventId)).toEqual(['a', 'b', 'c']);
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('splits at the batch size and fails only the callers of a failed commit', async () => {
    let n = 0;
    const batcher = new AcceptBatcher({ acceptEvents: async (b) => { if (n++ === 0) throw new Error('LEDGER.UNAVAILABLE'); return ok(b); } }, 2, 5);
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((id) => batcher.accept(input(id))));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });
});
