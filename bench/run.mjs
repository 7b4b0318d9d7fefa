// npm run bench [-- --quick]: one run measuring end to end, the outbound sender, mapping and a
// backlog, with ratios against baselines measured in the same run. Writes bench/results/<date>.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { cpuDiff, cpuSnapshot, perItem, walPerItem, walSnapshot } from './cpu.mjs';
import { startStack } from './stack.mjs';

const quick = process.argv.includes('--quick');
const workersArg = process.argv.find((a) => a.startsWith('--workers='));
const P = quick
  ? // Sized to finish in well under 60 s, build included, on a machine at 0.4× the speed of the fastest one seen (78 s before 26 November 16:20).
    { e2eSeconds: 5, pacedRate: 300, pacedSeconds: 3, senderSeconds: 1.5, mappingSeconds: 0.5, backlog: 2000, backlogMaxLoadSeconds: 12, backlogRoundSeconds: 3, backlogPollMs: 250, scaleSeconds: 0 }
  : { e2eSeconds: 30, pacedRate: 1000, pacedSeconds: 10, senderSeconds: 8, mappingSeconds: 3, backlog: Number(process.env.BENCH_BACKLOG ?? 100_000), backlogMaxLoadSeconds: Number(process.env.BENCH_BACKLOG_MAX_LOAD_S ?? 100), backlogRoundSeconds: 5, backlogPollMs: 1000, scaleSeconds: 20 };

if (spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const { ensurePostgres, ensureRedis } = await import('../scripts/services.mjs');
await ensurePostgres();
await ensureRedis();
const { load, drain } = await import('./e2e.phase.mjs');
const { mapping } = await import('./mapping.phase.mjs');
const { sender } = await import('./sender.phase.mjs');
const { backlog } = await import('./backlog.phase.mjs');
const { calibrate, reference } = await import('./calibrate.mjs');

const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
console.log(`cp-bridge bench ${quick ? '(quick)' : '(full)'} on ${machine.cpus} × ${machine.model}, ${machine.memGb} GiB, node ${machine.node}`);
const result = { quick, machine };
const { loadSamples, variant } = await import('../dist/apps/cli/src/sample-traffic/sample-traffic.js');
// Machine speed at the start, before the backlog phase and at the end (bench/calibrate.mjs).
const calibrationText = JSON.stringify(loadSamples()[0].body);
const speeds = [calibrate(calibrationText)];

console.log('\n▶ mapping (in process, one core)');
result.mapping = await mapping({ seconds: P.mappingSeconds });

console.log('▶ outbound sender');
const { adapter } = await import('../dist/contracts/police-results/v1/adapter.js');
const s = variant(loadSamples()[0].body, 1);
const pc = s.hearing.prosecutionCases[0];
const ctx = { notificationId: 'b', messageId: 'b', now: new Date().toISOString(), settings: { sourceId: 'C00CommonPlatform', destinationId: 'Z00CJSE', dataController: 'CPP' } };
const mapped = adapter.map({ hearing: s.hearing, prosecutionCase: pc, defendant: pc.defendants[0], sharedTime: s.sharedTime }, ctx);
result.sender = await sender({ seconds: P.senderSeconds, envelope: adapter.envelope(adapter.serialize(mapped.wire, ctx), ctx).payload });

// The accept path alone (no worker on the cores): the paced rate again, after a warm-up at that
// rate, so its latency is not the cost of delivering the same load on the same two cores.
console.log('▶ accept alone (gateway + PostgreSQL, no worker running)');
let stack = await startStack({ workers: 0, tag: `a${Date.now().toString(36)}` });
try {
  await load(stack.base, { seconds: P.pacedSeconds / 2, rate: P.pacedRate, connections: 64, seed: 5 });
  const a0 = cpuSnapshot(stack);
  const alone = await load(stack.base, { seconds: P.pacedSeconds, rate: P.pacedRate, connections: 64, seed: 6 });
  const cpu = perItem(cpuDiff(a0, cpuSnapshot(stack)), alone.posted);
  result.acceptAlone = { ratePerSec: P.pacedRate, achievedPerSec: Math.round(alone.acceptedPerSec), acceptP50Ms: +alone.p50.toFixed(1), acceptP99Ms: +alone.p99.toFixed(1), acceptMaxMs: +alone.max.toFixed(1), errors: alone.errors, cpuMsPerRequest: cpu };
} finally {
  await stack.stop();
}

const workers = Number(workersArg?.split('=')[1] ?? 1);
console.log(`▶ end to end (gateway + ${workers} worker process(es) + simulators, PostgreSQL, Redis)`);
stack = await startStack({ workers });
// An interrupted run must not leave bridge processes behind.
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void stack.stop().finally(() => process.exit(130)));
try {
  const t0 = Date.now();
  const cpu0 = cpuSnapshot(stack);
  const wal0 = await walSnapshot(stack.db);
  const burst = await load(stack.base, { seconds: P.e2eSeconds, connections: 32 });
  const drained = await drain(stack.db, { sinceMs: t0 });
  const e2eCpu = perItem(cpuDiff(cpu0, cpuSnapshot(stack)), drained.acked);
  const e2eWal = walPerItem(wal0, await walSnapshot(stack.db), drained.acked);
  const paced = await load(stack.base, { seconds: P.pacedSeconds, rate: P.pacedRate, connections: 64, seed: 9 });
  await drain(stack.db, { sinceMs: t0 });
  result.e2e = { acceptedPerSec: Math.round(burst.acceptedPerSec), ackPerSec: Math.round(drained.ackPerSec), acceptP50Ms: +burst.p50.toFixed(1), acceptP99Ms: +burst.p99.toFixed(1), acceptMaxMs: +burst.max.toFixed(1), ackLatencyP50Ms: Math.round(drained.ackLatencyP50Ms), ackLatencyP99Ms: Math.round(drained.ackLatencyP99Ms), notifications: drained.acked, errors: burst.errors, unfinished: drained.owed, cpuMsPerNotification: e2eCpu, walPerNotification: e2eWal, paced: { ratePerSec: P.pacedRate, achievedPerSec: Math.round(paced.acceptedPerSec), acceptP50Ms: +paced.p50.toFixed(1), acceptP99Ms: +paced.p99.toFixed(1), acceptMaxMs: +paced.max.toFixed(1) } };
  speeds.push(calibrate(calibrationText));
  console.log('▶ backlog (police down, then recovers)');
  result.backlog = await backlog(stack, { size: P.backlog, maxLoadSeconds: P.backlogMaxLoadSeconds, roundSeconds: P.backlogRoundSeconds, pollMs: P.backlogPollMs });
} finally {
  await stack.stop();
}
if (P.scaleSeconds) {
  console.log('▶ scaling: 2 worker processes');
  stack = await startStack({ workers: 2, tag: `s${Date.now().toString(36)}` });
  try {
    const t0 = Date.now();
    await load(stack.base, { seconds: P.scaleSeconds, connections: 32, seed: 77 });
    result.scaling = { workers2AckPerSec: Math.round((await drain(stack.db, { sinceMs: t0 })).ackPerSec), workers1AckPerSec: result.e2e.ackPerSec };
  } finally {
    await stack.stop();
  }
}

speeds.push(calibrate(calibrationText));
const ref = reference();
const median = [...speeds].sort((a, b) => a - b)[1];
machine.calibration = { jsonRoundTripsPerSec: speeds, medianPerSec: median, ...(ref ? { reference: ref.file, speedVsReference: +(median / ref.perSec).toFixed(2) } : {}) };
const r = result;
const cpuLine = (c) => Object.entries(c).filter(([k]) => k !== 'bench').map(([k, v]) => `${k} ${v}`).join(', ');
const walLine = (w) => (w ? `${w.records} records, ${w.fpi} full-page images, ${w.kb} KB` : 'n/a');
/** What the bridge itself spends (gateway, worker, PostgreSQL, Redis), without the simulators and load generator. */
const bridgeMs = (c) => +(c.gateway + c.worker + c.postgres + c.redis).toFixed(3);
/** 2 cores = 2,000 CPU ms per second, divided by what one notification costs the bridge. */
const capacity = (c) => (bridgeMs(c) > 0 ? Math.round((machine.cpus * 1000) / bridgeMs(c)) : 0);
const cal = machine.calibration;
const rows = [
  ['machine speed: JSON round trips/s, one core', cal.jsonRoundTripsPerSec.join(' / '), `start / before backlog / end${cal.reference ? `; ${cal.speedVsReference}× the speed of ${cal.reference}` : ''}`],
  ['end to end: accepted/s', r.e2e.acceptedPerSec, 'target acked ≥ 2,000/s'],
  ['end to end: acknowledged/s', r.e2e.ackPerSec, `${(r.e2e.ackPerSec / 2000).toFixed(2)}× of target`],
  ['accept latency p50 / p99 / max (ms)', `${r.e2e.acceptP50Ms} / ${r.e2e.acceptP99Ms} / ${r.e2e.acceptMaxMs}`, 'burst, 32 connections'],
  [`accept p99 at ${r.e2e.paced.ratePerSec} req/s (ms)`, `${r.e2e.paced.acceptP99Ms} (achieved ${r.e2e.paced.achievedPerSec}/s)`, 'target < 20 ms at 1,000/s'],
  [`accept alone p50 / p99 at ${r.acceptAlone.ratePerSec} req/s (ms)`, `${r.acceptAlone.acceptP50Ms} / ${r.acceptAlone.acceptP99Ms} (achieved ${r.acceptAlone.achievedPerSec}/s)`, `no worker running; CPU ms per request: ${cpuLine(r.acceptAlone.cpuMsPerRequest)}`],
  ['CPU ms per notification, end to end', cpuLine(r.e2e.cpuMsPerNotification), `bridge ${bridgeMs(r.e2e.cpuMsPerNotification)} ms → ${capacity(r.e2e.cpuMsPerNotification)}/s if it had both cores to itself`],
  ['WAL per notification, end to end', walLine(r.e2e.walPerNotification), 'PostgreSQL write volume (pg_stat_wal)'],
  ['accept → ack p50 / p99 (ms)', `${r.e2e.ackLatencyP50Ms} / ${r.e2e.ackLatencyP99Ms}`, ''],
  ['sender: bridge / node-soap / raw (calls/s)', `${r.sender.bridgePerSec} / ${r.sender.nodeSoapPerSec} / ${r.sender.rawPerSec}`, `${r.sender.vsNodeSoap}× node-soap (≥3), ${r.sender.vsRaw}× raw (≥0.5)`],
  ...Object.entries(r.mapping).map(([k, v]) => [`mapping ${k} per core/s`, v.perSecPerCore, Object.entries(v.share).map(([a, b]) => `${a} ${b}%`).join(', ')]),
  ['backlog size / drain per s', `${r.backlog.size} / ${r.backlog.drainPerSec}`, `target drain ≥ 1,500/s${r.backlog.sizeCapped ? `; queued for ${P.backlogMaxLoadSeconds} s, short of ${P.backlog} (slow machine)` : ''}`],
  ['CPU ms per delivery, backlog drain', cpuLine(r.backlog.cpuMsPerDelivery), `bridge ${bridgeMs(r.backlog.cpuMsPerDelivery)} ms → ${capacity(r.backlog.cpuMsPerDelivery)}/s if it had both cores to itself`],
  ['WAL per delivery, backlog drain', walLine(r.backlog.walPerDelivery), ''],
  ['others acked during outage', `${r.backlog.othersAckedDuringOutage} of ${r.backlog.othersTotal}`, 'other partners kept flowing'],
  ['Redis MB / worker RSS MB / gateway RSS MB', `${r.backlog.redisMb} (${r.backlog.redisMb - r.backlog.redisBaselineMb >= 0 ? '+' : ''}${r.backlog.redisMb - r.backlog.redisBaselineMb}) / ${r.backlog.workerRssMb} / ${r.backlog.gatewayRssMb}`, 'Redis: whole server (added by the backlog); worker target ≤ 300 MB'],
  ...(r.scaling ? [['acked/s with 1 / 2 worker processes', `${r.scaling.workers1AckPerSec} / ${r.scaling.workers2AckPerSec}`, '']] : []),
];
console.log('\n' + rows.map(([a, b, c]) => `${String(a).padEnd(44)} ${String(b).padEnd(28)} ${c}`).join('\n'));
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${machine.date.slice(0, 19).replace(/[:T]/g, '-')}${quick ? '-quick' : ''}.json`;
writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
console.log(`\nwrote ${file}`);
process.exit(0);
