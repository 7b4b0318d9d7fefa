// `npm run bench:split [-- --seconds=15]`: the accept side and the delivery side measured apart,
// for before/after comparisons of one change. Phase 1 posts hearing results for N seconds with no
// worker running (accept rate, latency and CPU per request by process); phase 2 starts one worker
// and drains what was accepted (deliveries per second and CPU per delivery by process).
// BENCH_PROF=gateway/src|worker/src|simulators profiles one process (V8 CPU profile in /tmp/prof).
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuDiff, cpuSnapshot, perItem, walPerItem, walSnapshot } from './cpu.mjs';
import { startStack } from './stack.mjs';

const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 15);
if (spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const { ensurePostgres, ensureRedis } = await import('../scripts/services.mjs');
await ensurePostgres();
await ensureRedis();
const { load } = await import('./e2e.phase.mjs');

const stack = await startStack({ workers: 0 });
try {
  const w0 = await walSnapshot(stack.db);
  const a0 = cpuSnapshot(stack);
  const r = await load(stack.base, { seconds, connections: 32 });
  const accept = perItem(cpuDiff(a0, cpuSnapshot(stack)), r.posted);
  console.log(`accept: ${r.posted} hearing results, ${r.acceptedPerSec.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; CPU ms per request`, accept);

  console.log('accept: WAL per request', walPerItem(w0, await walSnapshot(stack.db), r.posted));
  await sleep(2000);
  const w1 = await walSnapshot(stack.db);
  await stack.addWorker();
  const d0 = cpuSnapshot(stack);
  const t0 = Date.now();
  for (;;) {
    const { rows } = await stack.db.query(`select count(*)::int as owed from notifications where status in ('pending','in-flight','retrying')`);
    if (rows[0].owed === 0 || Date.now() - t0 > 600_000) break;
    await sleep(500);
  }
  const secs = (Date.now() - t0) / 1000;
  const { rows } = await stack.db.query(`select count(*)::int as n from notifications where status = 'acknowledged'`);
  console.log(`drain: ${rows[0].n} delivered in ${secs.toFixed(1)} s, ${(rows[0].n / secs).toFixed(0)}/s; CPU ms per delivery`, perItem(cpuDiff(d0, cpuSnapshot(stack)), rows[0].n));
  console.log('drain: WAL per delivery', walPerItem(w1, await walSnapshot(stack.db), rows[0].n));
} finally {
  await stack.stop();
}
process.exit(0);
