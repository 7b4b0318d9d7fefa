#!/usr/bin/env node
// Chaos suite (issue 4, item 9). Starts its OWN PostgreSQL cluster and its OWN Redis (AOF on) on
// spare loopback ports, the partner simulators, the gateway and the worker as separate processes
// (built code in dist/), posts hearing results until at least --notifications obligations are
// accepted, and meanwhile SIGKILLs the worker repeatedly, SIGKILLs Redis, restarts PostgreSQL,
// runs every simulator at a 20% error rate and takes one partner down for minutes. Then it proves:
// reconciliation shows 0 unaccounted, every accepted notification was acknowledged at its simulator
// exactly once by idempotency key, per-case order held, and it measures the recovery time.
// It never touches the machine's shared PostgreSQL (5432) or Redis (6379).
//
//   node test/chaos/chaos.mjs [--notifications 100000] [--record] [--json out.json] … (--help)
// The pieces: support.mjs (workspace, ports, processes, own PostgreSQL), traffic.mjs (what is
// posted), faults.mjs (what is broken, when), verify.mjs (the checks), report.mjs (the summary).
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { directFaults } from './faults.mjs';
import { startPosting } from './posting.mjs';
import { printSummary, recordReliability } from './report.mjs';
import { startChaosStack } from './stack.mjs';
import { createWorkspace, root, say, sleep } from './support.mjs';
import { loadTraffic } from './traffic.mjs';
import { verify } from './verify.mjs';

const dist = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href);

const { values: args } = parseArgs({
  options: {
    notifications: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '12' },
    steps: { type: 'string', default: '3' },
    'error-rate': { type: 'string', default: '0.2' },
    'outage-partner': { type: 'string', default: 'electronic-monitoring' },
    'outage-ms': { type: 'string', default: '180000' },
    'worker-kills': { type: 'string', default: 'periodic' },
    'worker-kill-every-ms': { type: 'string', default: '60000' },
    'redis-kills': { type: 'string', default: '2' },
    'pg-restarts': { type: 'string', default: '1' },
    'settle-timeout-ms': { type: 'string', default: '1800000' },
    'pg-url': { type: 'string' },
    'real-fixtures': { type: 'boolean', default: false },
    record: { type: 'boolean', default: false },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`chaos suite — see RELIABILITY.md
  --notifications N        accepted obligations to reach (default 100000)
  --concurrency N          parallel posting lanes (default 12)
  --steps N                hearings per case, posted in order (per-case order check; default 3)
  --error-rate R           share of requests every simulator fails (default 0.2)
  --outage-partner P       partner taken fully down once (default electronic-monitoring)
  --outage-ms MS           length of that outage (default 180000)
  --worker-kills N|periodic  worker SIGKILLs: a count spread over the run, or every ~worker-kill-every-ms (default periodic)
  --worker-kill-every-ms   mean gap between periodic worker kills (default 60000)
  --redis-kills N          Redis SIGKILLs (default 2)     --pg-restarts N   PostgreSQL crash-restarts (default 1)
  --settle-timeout-ms MS   how long to wait for the last acknowledgement after the faults (default 1800000)
  --pg-url URL             use this PostgreSQL (own schema) instead of an own cluster; needs --pg-restarts 0
  --real-fixtures          also post the real CP payloads from ../shared/fixtures/em-create-order (their police
                           obligations park with PAYLOAD.MISSING_FIELD, so "all acknowledged" cannot hold)
  --record                 write the run into RELIABILITY.md      --json FILE   write the summary as JSON
  --keep                   keep the temp dir (logs, data)`);
  process.exit(0);
}
const N = Number(args.notifications);
const CONCURRENCY = Number(args.concurrency);
const STEPS = Number(args.steps);
const ERROR_RATE = Number(args['error-rate']);
const OUTAGE_PARTNER = args['outage-partner'];
const OUTAGE_MS = Number(args['outage-ms']);
const WORKER_KILLS = args['worker-kills'] === 'periodic' ? Infinity : Number(args['worker-kills']);
const WORKER_KILL_EVERY = Number(args['worker-kill-every-ms']);
const REDIS_KILLS = Number(args['redis-kills']);
const PG_RESTARTS = Number(args['pg-restarts']);
if (args['pg-url'] && PG_RESTARTS > 0) throw new Error('--pg-url is a shared server: it cannot be restarted (use --pg-restarts 0)');

const PARTNERS = ['police', 'electronic-monitoring', 'prison', 'probation', 'legal-aid'];
/** Steady 20% errors, a different failure shape per partner (police: the reply is lost AFTER the message was taken). */
const BASELINE = {
  police: { errorRate: ERROR_RATE, status: 500, afterProcessing: true },
  'electronic-monitoring': { errorRate: ERROR_RATE, status: 503 },
  prison: { errorRate: ERROR_RATE, reset: true },
  probation: { errorRate: ERROR_RATE, status: 429 },
  'legal-aid': { errorRate: ERROR_RATE, status: 500 },
};

const RUN_EPOCH = Math.floor(Date.now() / 1000) * 1000;
const { tmp, logDir } = createWorkspace();
const { templates, hearingBody } = await loadTraffic({ realFixtures: args['real-fixtures'], runEpoch: RUN_EPOCH });
const { devAuthHeaders } = await dist('apps/gateway/src/auth/api-clients.js');

// ───────────────────────────── run ─────────────────────────────
const state = {
  accepted: new Map(), // notification id → partner
  posts: 0,
  postRetries: 0,
  postFailures: [],
  faults: [], // {kind, at, endedAt}
  reviewNotifications: 0,
};
/** What has been started (processes, own PostgreSQL), for cleanup whenever the run ends. */
const started = { procs: [], ownPg: undefined };
let exitCode = 1;
let summary;

async function main() {
  const { redis, redisPort, simInfo, setFault: fault, gw, worker, databaseUrl, schema } = await startChaosStack({ workspace: { tmp, logDir }, pgUrl: args['pg-url'], notifications: N, started });

  const db = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });
  db.on('error', () => undefined);
  const q = async (text, params) => {
    for (let i = 0; ; i++) {
      try {
        return (await db.query(text, params)).rows;
      } catch (e) {
        if (i > 60) throw e;
        await sleep(1000); // the server may be restarting
      }
    }
  };

  for (const p of PARTNERS) await fault(p, BASELINE[p]);
  say(`simulators failing ${ERROR_RATE * 100}% of requests: ${JSON.stringify(BASELINE)}`);

  // ── posting ──
  const { usable, perGroup, realCount, postingStarted, posting, postingDone, postingEnded } = await startPosting({
    gw, authHeaders: devAuthHeaders(), state, templates, hearingBody, notifications: N, concurrency: CONCURRENCY, steps: STEPS,
  });

  // ── faults ──
  const faults = directFaults({
    settings: { outagePartner: OUTAGE_PARTNER, outageMs: OUTAGE_MS, redisKills: REDIS_KILLS, pgRestarts: PG_RESTARTS, workerKills: WORKER_KILLS, workerKillEveryMs: WORKER_KILL_EVERY },
    baseline: BASELINE,
    faults: state.faults,
    progress: () => (postingDone() ? 1 : state.accepted.size / N),
    postingDone,
    worker,
    redis,
    redisPort,
    ownPg: started.ownPg,
    setFault: fault,
  });

  // ── progress until every accepted notification is acknowledged ──
  let last = { at: Date.now(), ack: 0 };
  let lastPrint = 0;
  let done = false;
  let timedOut = false;
  let faultsEndedAt;
  let stuckChecks = 0;
  // Progress comes from the simulators' counters (cheap); the ledger is asked only when they say
  // everything arrived, and for a status line every 60 s — a count over the notifications table
  // every 2 s would cost the bridge a CPU core at this volume.
  const simUnique = async () => {
    let n = 0;
    for (const p of PARTNERS) n += (await (await fetch(`${simInfo.url}/_sim/${p}/stats`)).json()).unique;
    return n;
  };
  let lastStatus = 0;
  for (;;) {
    await Promise.race([posting, faults.director, sleep(2000)]);
    const arrived = await simUnique();
    if (Date.now() - lastPrint > 15_000) {
      const rate = ((arrived - last.ack) / ((Date.now() - last.at) / 1000)).toFixed(0);
      let statuses = '';
      if (Date.now() - lastStatus > 60_000) {
        statuses = (await q(`select status, count(*)::int as n from notifications group by 1 order by 1`)).map((s) => `${s.status}:${s.n}`).join(' ');
        lastStatus = Date.now();
      }
      say(`accepted ${state.accepted.size}/${N}  taken by simulators ${arrived} (${rate}/s)  worker starts ${worker.starts}  ${statuses}`);
      last = { at: Date.now(), ack: arrived };
      lastPrint = Date.now();
    }
    if (faults.faultsDone() && postingDone() && faultsEndedAt === undefined) faultsEndedAt = Date.now();
    if (!(faults.faultsDone() && postingDone())) continue;
    if (arrived >= state.accepted.size) {
      const [row] = await q(`select count(*)::int as total, count(*) filter (where status = 'acknowledged')::int as ack from notifications`);
      if (row.ack === state.accepted.size && row.total === state.accepted.size) {
        done = true;
        break;
      }
    }
    // Nothing left in motion (only parked / held / needs-review): waiting longer cannot help.
    if (Date.now() - faultsEndedAt > 60_000 && arrived === last.ack) {
      const [moving] = await q(`select count(*)::int as n from notifications where status in ('pending', 'in-flight', 'retrying')`);
      stuckChecks = moving.n === 0 ? stuckChecks + 1 : 0;
      if (stuckChecks >= 15) {
        say('nothing left in motion for 30 s but not everything is acknowledged; stopping the wait');
        break;
      }
    }
    if (Date.now() - faultsEndedAt > Number(args['settle-timeout-ms'])) {
      timedOut = true;
      break;
    }
  }
  await posting;
  await faults.director;

  // ── verification ──
  say('verifying…');
  summary = await verify({
    q,
    gw,
    controlUrl: simInfo.control,
    authHeaders: devAuthHeaders(),
    state,
    procs: started.procs,
    run: {
      settings: { notificationsTarget: N, concurrency: CONCURRENCY, stepsPerCase: STEPS, errorRate: ERROR_RATE, baselineFaults: BASELINE, outage: { partner: OUTAGE_PARTNER, ms: OUTAGE_MS }, workerKills: args['worker-kills'], workerKillEveryMs: WORKER_KILL_EVERY, redisKills: REDIS_KILLS, pgRestarts: PG_RESTARTS, ownPostgres: !args['pg-url'] },
      templates: usable.map((t) => `${t.name} (${perGroup.get(t.name)} per hearing)`),
      realFixtureTemplates: realCount,
      postingStarted,
      postingEnded: postingEnded(),
      done,
      timedOut,
      logs: args.keep ? logDir : undefined,
    },
  });
  if (args['pg-url']) await q(`drop schema if exists "${schema}" cascade`);
  await db.end();
  exitCode = summary.passed ? 0 : 1;
}

async function cleanup() {
  for (const p of [...started.procs].reverse()) {
    p.supervise = false;
    await Promise.race([p.stop(), sleep(10_000)]).catch(() => undefined);
    if (p.child) p.child.kill('SIGKILL');
  }
  started.ownPg?.stop();
  if (summary && !summary.passed) {
    const keep = join(root, 'test-output', `chaos-logs-${Date.now()}`);
    mkdirSync(keep, { recursive: true });
    cpSync(logDir, keep, { recursive: true });
    say(`logs kept in ${keep}`);
  }
  if (!args.keep) rmSync(tmp, { recursive: true, force: true });
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    interrupted = true;
    say(`${sig}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

try {
  await main();
  const text = printSummary(summary);
  console.log(`\n${text}\n`);
  if (args.json) {
    mkdirSync(resolve(args.json, '..'), { recursive: true });
    writeFileSync(args.json, JSON.stringify(summary, null, 2));
  }
  if (args.record) recordReliability(summary);
} catch (e) {
  console.error(`[chaos] FAILED: ${e.stack ?? e}`);
  summary ??= { passed: false };
  exitCode = 1;
}
if (!interrupted) {
  await cleanup();
  process.exit(exitCode);
}
