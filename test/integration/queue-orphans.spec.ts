import type { Job, Queue, Worker } from 'bullmq';
import { openDispatchBackend, type DispatchBackend } from '../../libs/delivery/src/backend/dispatch-backend.js';
import { DATABASE_URL, dropSchema, uniqueName } from '../support/harness.js';

/**
 * The embedded default's queues (BullMQ's PostgreSQL backend) after a worker process dies with
 * jobs active (issue 22: "stalled jobs and outbox rows resume promptly"). BullMQ alone finds them
 * only once their lock (30 s) has expired and two stalled passes (30 s apart) have seen them; a
 * worker that starts when no other is alive takes them back at once. While another worker is
 * alive its active jobs are left to it.
 */
describe('PostgreSQL queues: jobs a dead worker left active', () => {
  const opened: { backend: DispatchBackend; queues: Map<string, Queue>; workers: Worker[] }[] = [];
  const prefixes: string[] = [];

  const open = (prefix: string) => {
    const backend = openDispatchBackend({ databaseUrl: DATABASE_URL, prefix });
    const entry = { backend, queues: backend.openQueues(['p']), workers: [] as Worker[] };
    opened.push(entry);
    return entry;
  };
  /** A worker whose jobs never finish (the process "dies" holding them); resolves with the first job once it is active. */
  const hang = (entry: ReturnType<typeof open>) =>
    new Promise<Job>((taken) => {
      entry.workers.push(entry.backend.newWorker('p', (job) => (taken(job), new Promise(() => undefined)), { concurrency: 1 }));
    });
  /** What a SIGKILL does to the process: no more lock renewals, no completion, its sessions gone. */
  const die = async (entry: ReturnType<typeof open>) => {
    await Promise.all(entry.workers.map((w) => w.close(true)));
    await Promise.all([...entry.queues.values()].map((q) => q.close()));
    await entry.backend.close();
    opened.splice(opened.indexOf(entry), 1);
  };

  afterAll(async () => {
    for (const entry of [...opened].reverse()) await die(entry).catch(() => undefined);
    for (const prefix of prefixes) await dropSchema(`${prefix}_queues`);
  });

  it('go back to waiting as a new worker starts, and are done well within the lock duration', async () => {
    const prefix = uniqueName('orphans');
    prefixes.push(prefix);
    const dead = open(prefix);
    expect(await dead.backend.joinAsWorker()).toBe(0); // nothing to take back in a fresh schema
    const taken = hang(dead);
    await dead.queues.get('p')!.add('deliver', { n: 1 }, { jobId: 'orphan-1' });
    await dead.queues.get('p')!.add('deliver', { n: 2 }, { jobId: 'waiting-2' });
    expect((await taken).id).toBe('orphan-1');
    await die(dead);

    const next = open(prefix);
    const restartedAt = Date.now();
    expect(await next.queues.get('p')!.getJobState('orphan-1')).toBe('active'); // its lock is still good for ~30 s
    expect(await next.backend.joinAsWorker()).toBe(1);
    expect(next.backend.joinedAlone()).toBe(true);
    expect(await next.queues.get('p')!.getJobState('orphan-1')).toBe('waiting');
    const done: string[] = [];
    await new Promise<void>((all) => {
      next.workers.push(
        next.backend.newWorker('p', async (job) => {
          done.push(job.id!);
          if (done.length === 2) all();
        }, { concurrency: 1 }),
      );
    });
    expect(done.sort()).toEqual(['orphan-1', 'waiting-2']);
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
  }, 30_000);

  it('are left alone while another worker is alive', async () => {
    const prefix = uniqueName('orphans');
    prefixes.push(prefix);
    const alive = open(prefix);
    expect(await alive.backend.joinAsWorker()).toBe(0);
    const taken = hang(alive);
    await alive.queues.get('p')!.add('deliver', { n: 1 }, { jobId: 'busy-1' });
    expect((await taken).id).toBe('busy-1');

    const second = open(prefix);
    expect(await second.backend.joinAsWorker()).toBe(0);
    expect([alive.backend.joinedAlone(), second.backend.joinedAlone()]).toEqual([true, false]);
    expect(await second.queues.get('p')!.getJobState('busy-1')).toBe('active');
  }, 30_000);

  it('reads the states of many jobs in one query, as getJobState would one by one (the reconciler checks every owed notification)', async () => {
    const prefix = uniqueName('orphans');
    prefixes.push(prefix);
    const entry = open(prefix);
    const queue = entry.queues.get('p')!;
    await queue.add('deliver', {}, { jobId: 'w-1' });
    await queue.add('deliver', {}, { jobId: 'd-1', delay: 60_000 });
    await queue.add('deliver', {}, { jobId: 'p-1', priority: 3 });
    const ids = ['w-1', 'd-1', 'p-1', 'missing-1'];
    const one = await Promise.all(ids.map((id) => queue.getJobState(id)));
    const bulk = await entry.backend.jobStates!('p', ids);
    const live = (s: string) => ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'].includes(s);
    expect(ids.map((id) => live(bulk.get(id)!))).toEqual(one.map(live));
    expect(bulk.get('missing-1')).toBe('unknown');
    expect(bulk.get('d-1')).toBe('delayed');
  }, 30_000);
});
