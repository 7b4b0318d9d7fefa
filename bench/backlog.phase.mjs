// Backlog: the police partner is down while a backlog queues up; the other partners must keep
// flowing; then it recovers and we measure how fast the backlog drains and what it cost in memory.
import { setTimeout as sleep } from 'node:timers/promises';
import { load } from './e2e.phase.mjs';
import { cpuDiff, cpuSnapshot, perItem, walPerItem, walSnapshot } from './cpu.mjs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS_URL, redisUsedMb, rssMb } from './stack.mjs';
import { queueName } from '../dist/libs/delivery/src/queues.js';

const owedPolice = async (db) =>
  (await db.query(`select count(*)::int as n from notifications where status in ('pending', 'in-flight', 'retrying', 'held') and partner = 'police'`)).rows[0].n;

/**
 * Waits until the ledger owes police nothing (or the timeout) and returns what it still owes.
 * Asking the ledger once a second while a quarter of the table is owed costs PostgreSQL a scan of
 * the owed rows each time, charged to the drain's CPU per delivery (BENCHMARKS.md), so the poll
 * watches the police queue in Redis and asks the ledger — the truth — only once it looks empty.
 */
async function waitUntilPoliceDrained(stack, timeoutMs, pollMs) {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(queueName('police'), { prefix: stack.prefix, connection });
  const t0 = Date.now();
  try {
    while (Date.now() - t0 < timeoutMs) {
      await sleep(pollMs);
      const counts = await queue.getJobCounts('wait', 'delayed', 'active', 'prioritized', 'paused', 'waiting-children');
      if (Object.values(counts).some((n) => n > 0)) continue;
      const owed = await owedPolice(stack.db);
      if (owed === 0) return 0;
    }
    return await owedPolice(stack.db);
  } finally {
    await queue.close();
    await connection.quit();
  }
}

/**
 * `size` police notifications are queued, or as many as queue in `maxLoadSeconds` when the machine
 * is too slow for that (a shared machine at a third of its usual speed took 166 s for 100,000), so
 * the run stays inside its time budget; `sizeCapped` says which happened.
 */
export async function backlog(stack, { size, maxLoadSeconds = Infinity, connections = 32, roundSeconds = 5, pollMs = 1000 }) {
  const since = new Date();
  // Redis's used_memory is the whole server's (other tenants, its slow log); the baseline says how much of it the backlog added.
  const redisBaselineMb = await redisUsedMb();
  await stack.fault('police', { status: 503 });
  let created = 0, round = 0, posted = 0;
  const tLoad = Date.now();
  while (created < size && Date.now() - tLoad < maxLoadSeconds * 1000) {
    const r = await load(stack.base, { seconds: roundSeconds, connections, seed: 50 + round++ });
    posted += r.posted;
    const { rows } = await stack.db.query(`select count(*)::int as n from notifications where created_at >= $1 and partner = 'police'`, [since]);
    created = rows[0].n;
  }
  const loadSeconds = (Date.now() - tLoad) / 1000;
  await sleep(2000);
  const { rows: others } = await stack.db.query(
    `select count(*) filter (where status = 'acknowledged')::int as acked, count(*)::int as total from notifications where created_at >= $1 and partner <> 'police'`, [since]);
  const redisMb = await redisUsedMb();
  const workerRssMb = Math.max(...(await Promise.all(stack.workers.map((w) => rssMb(w.pid)))));
  const gatewayRssMb = await rssMb(stack.gateway.pid);

  await stack.fault('police', null);
  const t0 = Date.now();
  const cpu0 = cpuSnapshot(stack);
  const wal0 = await walSnapshot(stack.db);
  const owed = await waitUntilPoliceDrained(stack, 900_000, pollMs);
  const drainSeconds = (Date.now() - t0) / 1000;
  const cpuMsPerDelivery = perItem(cpuDiff(cpu0, cpuSnapshot(stack)), created - owed);
  const walPerDelivery = walPerItem(wal0, await walSnapshot(stack.db), created - owed);
  const peakWorkerRss = Math.max(workerRssMb, ...(await Promise.all(stack.workers.map((w) => rssMb(w.pid)))));
  return {
    size: created, sizeCapped: created < size, posted, loadSeconds, drainSeconds, drainPerSec: Math.round(created / drainSeconds), undrained: owed,
    othersAckedDuringOutage: others[0].acked, othersTotal: others[0].total,
    redisMb, redisBaselineMb, workerRssMb: peakWorkerRss, gatewayRssMb, cpuMsPerDelivery, walPerDelivery,
  };
}
