// Backlog: the police partner is down while a backlog queues up; the other partners must keep
// flowing; then it recovers and we measure how fast the backlog drains and what it cost in memory.
import { setTimeout as sleep } from 'node:timers/promises';
import { load } from './e2e.phase.mjs';
import { cpuDiff, cpuSnapshot, perItem, walPerItem, walSnapshot } from './cpu.mjs';
import { redisUsedMb, rssMb } from './stack.mjs';

/**
 * Owed police notifications, counted over the two partial indexes (owed; held). With a quarter of
 * the table owed the planner would pick a parallel table scan, once a second, and charge it to
 * PostgreSQL's CPU per delivery; the poll is the bench's overhead, so it is kept on the indexes.
 */
async function owedPolice(pool) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    const { rows } = await client.query(`select
      (select count(*) from notifications where status in ('pending', 'retrying', 'in-flight') and partner = 'police')::int
      + (select count(*) from notifications where status = 'held' and partner = 'police')::int as n`);
    await client.query('commit');
    return rows[0].n;
  } finally {
    client.release();
  }
}

export async function backlog(stack, { size, connections = 32 }) {
  const since = new Date();
  await stack.fault('police', { status: 503 });
  let created = 0, round = 0, posted = 0;
  const tLoad = Date.now();
  while (created < size) {
    const r = await load(stack.base, { seconds: 5, connections, seed: 50 + round++ });
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
  let owed = created;
  while (owed > 0 && Date.now() - t0 < 900_000) {
    await sleep(1000);
    // Each run has its own schema and the end-to-end phase has drained, so every owed police row is the backlog's.
    owed = await owedPolice(stack.db);
  }
  const drainSeconds = (Date.now() - t0) / 1000;
  const cpuMsPerDelivery = perItem(cpuDiff(cpu0, cpuSnapshot(stack)), created - owed);
  const walPerDelivery = walPerItem(wal0, await walSnapshot(stack.db), created - owed);
  const peakWorkerRss = Math.max(workerRssMb, ...(await Promise.all(stack.workers.map((w) => rssMb(w.pid)))));
  return {
    size: created, posted, loadSeconds, drainSeconds, drainPerSec: Math.round(created / drainSeconds), undrained: owed,
    othersAckedDuringOutage: others[0].acked, othersTotal: others[0].total,
    redisMb, workerRssMb: peakWorkerRss, gatewayRssMb, cpuMsPerDelivery, walPerDelivery,
  };
}
