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
// With --stack default the same schedule runs against the one-process `cp-bridge start` on its
// embedded defaults (no DATABASE_URL, no REDIS_URL): the bridge and its embedded postmaster are
// SIGKILLed instead, and each restart's time to an empty backlog is measured (issue 22).
// The pieces: support.mjs (workspace, ports, processes, own PostgreSQL), traffic.mjs (what is
// posted), stack*.mjs (what runs), faults*.mjs (what is broken, when), settle.mjs (the wait),
// drain.mjs (drain after a crash vs normal), verify.mjs (the checks), report*.mjs (the summary).
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { drainChecks, measureDrain } from './drain.mjs';
import { bridgeRestarter, directDefaultFaults, SKIPPED_ON_DEFAULT } from './faults-default.mjs';
import { directFaults } from './faults.mjs';
import { startPosting } from './posting.mjs';
import { printSummary, recordReliability } from './report.mjs';
import { recordDefaultRun } from './report-default.mjs';
import { waitSettled } from './settle.mjs';
import { startChaosStack } from './stack.mjs';
import { startDefaultStack } from './stack-default.mjs';
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
    stack: { type: 'string', default: 'production' },
    'bridge-kills': { type: 'string', default: '3' },
    'pg-kills': { type: 'string', default: '1' },
    'ride-out-ms': { type: 'string', default: '30000' },
    'drain-sample': { type: 'string' },
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
  --stack production|default  production (default): gateway + worker processes on an own PostgreSQL and Redis;
                           default: the one-process \`cp-bridge start --variants 0\` on embedded defaults (no
                           DATABASE_URL, no REDIS_URL, a fresh CP_BRIDGE_DATA_DIR); Redis and worker faults do not apply
  --bridge-kills N         (default stack) bridge SIGKILLs mid-traffic, each restarted (default 3)
  --pg-kills N             (default stack) SIGKILLs of the embedded postmaster (default 1)
  --ride-out-ms MS         (default stack) how long the bridge gets to recover from a postmaster SIGKILL before
                           the suite restarts it as a supervisor would (default 30000)
  --drain-sample N         (default stack) burst size for the normal vs after-crash drain measurement
                           (default N/5, 500…5000; 0 skips it)
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
const DEFAULT_STACK = args.stack === 'default' || args.stack === 'embedded';
if (!DEFAULT_STACK && args.stack !== 'production') throw new Error(`--stack is production or default, not ${args.stack}`);
const BRIDGE_KILLS = Number(args['bridge-kills']);
const PG_KILLS = Number(args['pg-kills']);
const DRAIN_SAMPLE = args['drain-sample'] === undefined ? Math.max(500, Math.min(5000, Math.round(N / 5))) : Number(args['drain-sample']);
if (args['pg-url'] && PG_RESTARTS > 0 && !DEFAULT_STACK) throw new Error('--pg-url is a shared server: it cannot be restarted (use --pg-restarts 0)');

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
const started = { procs: [], ownPg: undefined, stopEmbedded: undefined };
let exitCode = 1;
let summary;

async function main() {
  const workspace = { tmp, logDir };
  const stack = DEFAULT_STACK
    ? await startDefaultStack({ workspace, notifications: N, started })
    : await startChaosStack({ workspace, pgUrl: args['pg-url'], notifications: N, started });
  const { simInfo, setFault: fault, gw } = stack;
  let q = stack.q;
  let db;
  if (!DEFAULT_STACK) {
    db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2, options: `-c search_path=${stack.schema}` });
    db.on('error', () => undefined);
    q = async (text, params) => {
      for (let i = 0; ; i++) {
        try {
          return (await db.query(text, params)).rows;
        } catch (e) {
          if (i > 60) throw e;
          await sleep(1000); // the server may be restarting
        }
      }
    };
  }

  for (const p of PARTNERS) await fault(p, BASELINE[p]);
  say(`simulators failing ${ERROR_RATE * 100}% of requests: ${JSON.stringify(BASELINE)}`);

  // ── posting ──
  const postingArgs = { gw, authHeaders: devAuthHeaders(), state, templates, hearingBody, concurrency: CONCURRENCY, steps: STEPS };
  const { usable, perGroup, realCount, postingStarted, posting, postingDone, postingEnded } = await startPosting({ ...postingArgs, notifications: N });

  // ── faults ──
  const progress = () => (postingDone() ? 1 : state.accepted.size / N);
  const outage = { outagePartner: OUTAGE_PARTNER, outageMs: OUTAGE_MS };
  const restarts = [];
  let faults;
  const restarter = DEFAULT_STACK && bridgeRestarter({ stack, faults: state.faults, restarts, outageActive: () => faults?.outageActive() ?? false });
  faults = DEFAULT_STACK
    ? directDefaultFaults({ settings: { ...outage, bridgeKills: BRIDGE_KILLS, pgKills: PG_KILLS, rideOutMs: Number(args['ride-out-ms']) }, baseline: BASELINE, faults: state.faults, restarter, progress, postingDone, stack, setFault: fault })
    : directFaults({
        settings: { ...outage, redisKills: REDIS_KILLS, pgRestarts: PG_RESTARTS, workerKills: WORKER_KILLS, workerKillEveryMs: WORKER_KILL_EVERY },
        baseline: BASELINE, faults: state.faults, progress, postingDone, worker: stack.worker, redis: stack.redis, redisPort: stack.redisPort, ownPg: started.ownPg, setFault: fault,
      });

  // ── until every accepted notification is acknowledged ──
  const front = DEFAULT_STACK ? stack.bridge : stack.worker;
  const { done, timedOut } = await waitSettled({
    q, simUrl: simInfo.url, state, target: N, posting, postingDone, director: faults.director, faultsDone: faults.faultsDone,
    starts: () => `${front.name} starts ${front.starts}`, settleTimeoutMs: Number(args['settle-timeout-ms']),
  });
  await posting;
  await faults.director;
  const chaosEnded = { postingEnded: postingEnded(), done, timedOut };
  // The schedule's own recovery, before any drain measurement adds faults: its last fault → all acknowledged.
  const schedule = { lastFaultEndedS: seconds(Math.max(...state.faults.map((f) => f.endedAt ?? 0)) - postingStarted), settledS: seconds(Date.now() - postingStarted) };

  // ── default stack: drain after a crash vs normal, same run ──
  let drain;
  if (DEFAULT_STACK && DRAIN_SAMPLE > 0 && done) {
    const postBurst = async (n, groupBase) => {
      const before = state.accepted.size;
      await (await startPosting({ ...postingArgs, notifications: before + n, groupBase })).posting;
      return state.accepted.size - before;
    };
    drain = await measureDrain({ owed: () => stack.owed(), postBurst, restarter, burst: DRAIN_SAMPLE, timeoutMs: Number(args['settle-timeout-ms']) });
  }
  await Promise.race([Promise.all(restarter ? restarter.trackers : []), sleep(60_000)]);

  // ── verification ──
  say('verifying…');
  const settings = { notificationsTarget: N, concurrency: CONCURRENCY, stepsPerCase: STEPS, errorRate: ERROR_RATE, baselineFaults: BASELINE, outage: { partner: OUTAGE_PARTNER, ms: OUTAGE_MS } };
  Object.assign(settings, DEFAULT_STACK
    ? { stack: 'default', bridgeKills: BRIDGE_KILLS, pgKills: PG_KILLS, rideOutMs: Number(args['ride-out-ms']), drainSample: DRAIN_SAMPLE }
    : { stack: 'production', workerKills: args['worker-kills'], workerKillEveryMs: WORKER_KILL_EVERY, redisKills: REDIS_KILLS, pgRestarts: PG_RESTARTS, ownPostgres: !args['pg-url'] });
  summary = await verify({
    q, gw, controlUrl: simInfo.control, authHeaders: devAuthHeaders(), state, procs: started.procs,
    run: {
      settings,
      templates: usable.map((t) => `${t.name} (${perGroup.get(t.name)} per hearing)`),
      realFixtureTemplates: realCount,
      postingStarted,
      ...chaosEnded,
      // The front process: the gateway (production), the whole bridge (default stack).
      front: DEFAULT_STACK ? 'bridge' : 'gateway',
      logs: args.keep ? logDir : undefined,
    },
  });
  if (DEFAULT_STACK) {
    Object.assign(summary, { stack: 'default', schedule, skippedFaults: SKIPPED_ON_DEFAULT, restarts: restarts.map((r) => restartView(r, postingStarted)), drain, postmasterKills: state.faults.filter((f) => f.kind === 'postgres postmaster SIGKILL').map((f) => f.outcome) });
    Object.assign(summary.checks, drainChecks(summary.restarts, drain, DRAIN_SAMPLE));
    summary.passed = Object.values(summary.checks).every(Boolean);
    await stack.endLedger();
  } else {
    if (args['pg-url']) await q(`drop schema if exists "${stack.schema}" cascade`);
    await db.end();
  }
  exitCode = summary.passed ? 0 : 1;
}

const seconds = (ms) => (ms === undefined ? null : +(ms / 1000).toFixed(1));
function restartView(r, t0) {
  return {
    cause: r.cause,
    atS: seconds(r.killedAt - t0),
    readyAfterS: seconds(r.upAt - r.startedAt),
    owedAtRestart: r.owedAtUp,
    outageInProgress: r.outageInProgress,
    backlogGoneAfterS: r.clearedAt ? seconds(r.clearedAt - r.startedAt) : null,
    ratePerSecond: r.clearedAt ? +(r.owedAtUp / Math.max(0.001, (r.clearedAt - r.upAt) / 1000)).toFixed(1) : null,
  };
}

async function cleanup() {
  for (const p of [...started.procs].reverse()) {
    p.supervise = false;
    await Promise.race([p.stop(), sleep(10_000)]).catch(() => undefined);
    if (p.child) p.child.kill('SIGKILL');
  }
  started.ownPg?.stop();
  await started.stopEmbedded?.();
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
  if (args.record) (DEFAULT_STACK ? recordDefaultRun : recordReliability)(summary);
} catch (e) {
  console.error(`[chaos] FAILED: ${e.stack ?? e}`);
  summary ??= { passed: false };
  exitCode = 1;
}
if (!interrupted) {
  await cleanup();
  process.exit(exitCode);
}
