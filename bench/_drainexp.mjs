import { setTimeout as sleep } from 'node:timers/promises';
process.chdir('/work/main');
const { startStack } = await import('./stack.mjs');
const { load } = await import('./e2e.phase.mjs');
const { cpuSnapshot, cpuDiff } = await import('./cpu.mjs');
const stack = await startStack({ workers: 0 });
try {
  // load with all partners down except none: pause worker by faulting? simpler: fault every partner
  const since = new Date();
  const g0 = cpuSnapshot(stack);
  const r = await load(stack.base, { seconds: Number(process.env.LOADS ?? 20), connections: 32 });
  const gd = cpuDiff(g0, cpuSnapshot(stack));
  console.log('posted', r.posted, 'acc/s', r.acceptedPerSec.toFixed(0), 'p50/p99', r.p50.toFixed(1), r.p99.toFixed(1), 'cpu ms per request', Object.fromEntries(Object.entries(gd).map(([k, v]) => [k, +(v / r.posted).toFixed(3)])));
  await sleep(3000);
  await stack.addWorker();
  const c0 = cpuSnapshot(stack); const t0 = Date.now();
  let owed;
  for (;;) {
    const { rows } = await stack.db.query(`select count(*) filter (where status in ('pending','in-flight','retrying'))::int as owed, count(*) filter (where status='acknowledged')::int as acked from notifications where created_at >= $1`, [since]);
    owed = rows[0].owed; if (owed === 0 || Date.now() - t0 > 300000) { console.log('acked', rows[0].acked); break; }
    await sleep(500);
  }
  const secs = (Date.now() - t0) / 1000;
  const { rows } = await stack.db.query(`select count(*)::int n from notifications where created_at >= $1 and status='acknowledged'`, [since]);
  const d = cpuDiff(c0, cpuSnapshot(stack));
  console.log('drain', (rows[0].n / secs).toFixed(0), '/s over', secs, 's; cpu ms per delivery:', Object.fromEntries(Object.entries(d).map(([k, v]) => [k, +(v / rows[0].n).toFixed(3)])));
} finally { await stack.stop(); }
process.exit(0);
