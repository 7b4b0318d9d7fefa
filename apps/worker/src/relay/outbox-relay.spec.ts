import { Redis } from 'ioredis';
import pino from 'pino';
import type { LedgerRepository } from '../../../../libs/ledger/src/index.js';
import { openQueues } from '../../../../libs/delivery/src/queues.js';
import { deleteRedisPrefix, REDIS_URL, uniqueName } from '../../../../test/support/harness.js';
import { OutboxRelay } from './outbox-relay.js';

type Row = { outboxId: number; notificationId: string; partner: string; criticality?: string };

/** The two outbox calls the relay makes, over an in-memory outbox (the edge of this unit). */
function outbox(rows: Row[]) {
  const pending = [...rows];
  const returned: number[] = [];
  const ledger = {
    claimOutbox: async (limit: number) => pending.splice(0, limit),
    unrelayOutbox: async (claims: readonly Row[]) => void returned.push(...claims.map((c) => c.outboxId)),
  } as unknown as LedgerRepository;
  return { ledger, returned };
}

describe('OutboxRelay (real Redis queues)', () => {
  const prefix = uniqueName('relay');
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = openQueues(['police', 'probation'], redis, prefix);
  const log = pino({ level: 'silent' });

  afterAll(async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
    await deleteRedisPrefix(prefix);
    redis.disconnect();
  });

  it('enqueues each row on its own partner queue, in outbox order, with the notification id as job id', async () => {
    const rows: Row[] = Array.from({ length: 7 }, (_, i) => ({ outboxId: i + 1, notificationId: `n-${i}`, partner: i % 3 === 0 ? 'probation' : 'police' }));
    const { ledger, returned } = outbox(rows);
    const relay = new OutboxRelay(ledger, queues, () => 5, log, 500);

    expect(await relay.relayOnce()).toBe(7);
    const ids = async (p: string) => (await queues.get(p)!.getJobs(['wait', 'prioritized'], 0, -1, true)).map((j) => j.id);
    expect(await ids('police')).toEqual(['n-1', 'n-2', 'n-4', 'n-5']);
    expect(await ids('probation')).toEqual(['n-0', 'n-3', 'n-6']);
    expect((await queues.get('police')!.getJob('n-1'))?.opts.attempts).toBe(5);
    expect(returned).toEqual([]);
    expect(await relay.relayOnce()).toBe(0);
  });

  it('returns the rows of a partner it has no queue for to the outbox, and still relays the others', async () => {
    const { ledger, returned } = outbox([
      { outboxId: 11, notificationId: 'x-1', partner: 'nobody' },
      { outboxId: 12, notificationId: 'x-2', partner: 'police' },
      { outboxId: 13, notificationId: 'x-3', partner: 'nobody' },
    ]);
    const relay = new OutboxRelay(ledger, queues, () => 5, log, 500);

    expect(await relay.relayOnce()).toBe(3);
    expect(returned).toEqual([11, 13]);
    expect(await queues.get('police')!.getJob('x-2')).toBeDefined();
  });
});
