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
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const root = resolve(import.meta.dirname, '../..');
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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const RUN_EPOCH = Math.floor(t0 / 1000) * 1000;
const since = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s`;
const say = (...a) => console.log(`[chaos ${since()}]`, ...a);

// ───────────────────────────── infrastructure ─────────────────────────────
const tmp = mkdtempSync(join(os.tmpdir(), 'cpb-chaos-'));
chmodSync(tmp, 0o755);
const logDir = join(tmp, 'logs');
mkdirSync(logDir);

function freePort() {
  return new Promise((done, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

function reachable(port) {
  return new Promise((done) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const finish = (ok) => {
      s.destroy();
      done(ok);
    };
    s.setTimeout(1000, () => finish(false));
    s.once('connect', () => finish(true));
    s.once('error', () => finish(false));
  });
}

async function waitPort(port, what, seconds = 60) {
  for (let i = 0; i < seconds * 10; i++) {
    if (await reachable(port)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not listen on ${port} within ${seconds} s`);
}

/** A child process we may SIGKILL and start again; unexpected exits are counted and restarted. */
class Proc {
  constructor(name, cmd, argv, env = {}) {
    Object.assign(this, { name, cmd, argv, env, child: undefined, starts: 0, unexpectedExits: 0, expectingExit: false, supervise: true });
    this.log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  }
  start() {
    this.starts++;
    this.expectingExit = false;
    const child = spawn(this.cmd, this.argv, { cwd: root, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    child.once('exit', (code, signal) => {
      this.log.write(`\n--- ${this.name} exited code=${code} signal=${signal} at ${new Date().toISOString()}\n`);
      if (this.child === child) this.child = undefined;
      if (!this.expectingExit && this.supervise) {
        this.unexpectedExits++;
        say(`${this.name} exited unexpectedly (code ${code}, signal ${signal}); restarting in 1 s`);
        setTimeout(() => this.supervise && !this.child && this.start(), 1000);
      }
    });
    this.child = child;
    return child;
  }
  async kill(signal = 'SIGKILL') {
    const child = this.child;
    if (!child) return;
    this.expectingExit = true;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
  async stop() {
    this.supervise = false;
    await this.kill('SIGTERM');
  }
}

function pgBinDir() {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length) return join(base, versions[0], 'bin');
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (which) return resolve(which, '..');
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql, or pass --pg-url with --pg-restarts 0');
}

/** Our own throwaway cluster: initdb into the temp dir, as the postgres user when we are root. */
class OwnPostgres {
  constructor(port) {
    this.port = port;
    this.bin = pgBinDir();
    this.dir = join(tmp, 'pg');
    this.logFile = join(logDir, 'postgres.log');
    this.asRoot = process.getuid?.() === 0;
  }
  run(tool, argv) {
    const cmd = join(this.bin, tool);
    const r = this.asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...argv], { encoding: 'utf8' }) : spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} ${argv.join(' ')} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  }
  init() {
    mkdirSync(this.dir);
    writeFileSync(this.logFile, '');
    if (this.asRoot) spawnSync('chown', ['-R', 'postgres', this.dir, this.logFile]);
    this.run('initdb', ['-D', this.dir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    appendFileSync(
      join(this.dir, 'postgresql.conf'),
      `\nport = ${this.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${this.dir}'\nmax_connections = 200\nshared_buffers = 256MB\nfsync = on\nsynchronous_commit = on\n`,
    );
    this.start();
  }
  start() {
    this.run('pg_ctl', ['-D', this.dir, '-l', this.logFile, '-w', '-t', '120', 'start']);
  }
  /** A crash: immediate stop (no checkpoint, clients cut), then start and WAL recovery. */
  async crashRestart(downMs) {
    this.run('pg_ctl', ['-D', this.dir, '-m', 'immediate', '-w', 'stop']);
    await sleep(downMs);
    this.start();
  }
  stop() {
    try {
      this.run('pg_ctl', ['-D', this.dir, '-m', 'fast', '-w', 'stop']);
    } catch (e) {
      console.error(String(e));
    }
  }
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
}

// ───────────────────────────── traffic ─────────────────────────────
const { loadSamples, variant } = await dist('apps/cli/src/sample-traffic/sample-traffic.js');
const { deterministicId } = await dist('libs/domain/src/ids/deterministic-id.js');
const { devAuthHeaders } = await dist('apps/gateway/src/auth/api-clients.js');

function templates() {
  // Project samples that route to every partner with no human review (003 is needs-review by design).
  const list = loadSamples()
    .filter((s) => /^00[124]-/.test(s.name))
    .map((s) => ({ name: `samples/${s.name}`, body: s.body }));
  if (args['real-fixtures']) {
    // Real Common Platform payloads, used in place (README "Real data, used in place").
    const dir = resolve(process.env.CP_BRIDGE_FIXTURES_ROOT ?? resolve(root, '../shared/fixtures'), 'em-create-order/cp-hearing-to-fms');
    if (existsSync(dir)) {
      for (const c of readdirSync(dir).sort()) {
        const f = join(dir, c, 'cp_payload.json');
        if (existsSync(f) && !c.startsWith('LargeMessage')) list.push({ name: `em-create-order/${c}`, body: JSON.parse(readFileSync(f, 'utf8')), real: true });
      }
    } else say(`real fixtures not found at ${dir}; posting project samples only`);
  }
  return list;
}

/** Hearing `step` of case group `g`: same cases and defendants as the other steps, a new hearing. */
function hearingBody(template, g, step) {
  const body = variant(template.body, g);
  body.hearing.id = deterministicId(`${body.hearing.id}|step|${step}`);
  // Shared "now" (deadlines run from it), fixed per run and step so a re-sent post is the same event.
  body.sharedTime = new Date(RUN_EPOCH + step * 1000).toISOString();
  return body;
}

// ───────────────────────────── run ─────────────────────────────
const state = {
  accepted: new Map(), // notification id → partner
  posts: 0,
  postRetries: 0,
  postFailures: [],
  faults: [], // {kind, at, endedAt}
  reviewNotifications: 0,
};
const procs = [];
let ownPg;
let redis;
let exitCode = 1;
let summary;

async function main() {
  const [pgPort, redisPort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort()]);
  for (const shared of [5432, 6379]) if ([pgPort, redisPort, gatewayPort].includes(shared)) throw new Error('refusing a shared service port');
  say(`temp dir ${tmp}`);

  // PostgreSQL: our own cluster (or a given server, own schema, for the reduced suite without initdb).
  const schema = `chaos_${process.pid}`;
  let databaseUrl = args['pg-url'];
  if (!databaseUrl) {
    ownPg = new OwnPostgres(pgPort);
    ownPg.init();
    databaseUrl = ownPg.url;
    say(`own PostgreSQL on 127.0.0.1:${pgPort} (${ownPg.dir})`);
  }

  // Redis: our own, AOF on, so a SIGKILL loses at most ~1 s of writes (which the reconciler repairs).
  const redisDir = join(tmp, 'redis');
  mkdirSync(redisDir);
  redis = new Proc('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', redisDir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--save', '', '--daemonize', 'no']);
  redis.supervise = false;
  procs.push(redis);
  redis.start();
  await waitPort(redisPort, 'redis-server');
  say(`own Redis on 127.0.0.1:${redisPort} (AOF in ${redisDir})`);

  // Simulators.
  const sim = new Proc('simulators', process.execPath, ['--max-old-space-size=4096', 'test/chaos/sim-server.mjs'], { PORT: '0', CONTROL_PORT: '0', LOG_LEVEL: 'warn', SIM_RECORD_LIMIT: String(Math.max(200_000, 2 * N)) });
  sim.supervise = false;
  procs.push(sim);
  const simChild = sim.start();
  const simInfo = await new Promise((done, fail) => {
    let buf = '';
    simChild.stdout.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{"ready"'));
      if (line) done(JSON.parse(line));
    });
    simChild.once('exit', () => fail(new Error(`simulators exited at start; see ${logDir}/simulators.log`)));
  });
  const fault = async (partner, f) => {
    const res = await fetch(`${simInfo.url}/_sim/${partner}/faults`, f ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) } : { method: 'DELETE' });
    if (!res.ok) throw new Error(`setting faults on ${partner}: ${res.status} ${await res.text()}`);
  };
  say(`simulators on ${simInfo.url}`);

  // Partner policy for the run: production pins, URLs and concurrency; patient retries so that a
  // multi-minute outage plus 20% errors ends acknowledged rather than parked (parking is tested elsewhere).
  const config = JSON.parse(readFileSync(join(root, 'config/partners.json'), 'utf8'));
  for (const [name, p] of Object.entries(config.partners)) {
    config.partners[name] = { ...p, maxAttempts: 1000, maxAgeMs: 24 * 3600_000, backoffBaseMs: 200, backoffMaxMs: 10_000, breaker: { failuresToOpen: 10, halfOpenAfterMs: 2_000 } };
  }
  const partnersFile = join(tmp, 'partners.json');
  writeFileSync(partnersFile, JSON.stringify(config, null, 2));

  const env = {
    DATABASE_URL: databaseUrl,
    CP_BRIDGE_DB_SCHEMA: schema,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    CP_BRIDGE_QUEUE_PREFIX: 'chaos',
    CP_BRIDGE_PARTNERS: partnersFile,
    CJSE_URL: `${simInfo.url}/cjse/spi`,
    EM_URL: `${simInfo.url}/em`,
    PRISON_URL: `${simInfo.url}/prison`,
    PROBATION_URL: `${simInfo.url}/probation`,
    LEGAL_AID_URL: `${simInfo.url}/legal-aid`,
    PLATFORM_URL: `${simInfo.url}/platform`,
    CP_BRIDGE_RECONCILE_EVERY_MS: '10000',
    CP_BRIDGE_RECONCILE_OLDER_THAN_MS: '30000',
    GATEWAY_PORT: String(gatewayPort),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  const gateway = new Proc('gateway', process.execPath, ['dist/apps/gateway/src/main.js'], env);
  procs.push(gateway);
  gateway.start();
  const gw = `http://127.0.0.1:${gatewayPort}`;
  await waitPort(gatewayPort, 'gateway');
  const worker = new Proc('worker', process.execPath, ['dist/apps/worker/src/main.js'], env);
  procs.push(worker);
  worker.start();
  say(`gateway on ${gw}; worker started`);

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
  const headers = { 'content-type': 'application/json', ...devAuthHeaders() };
  async function post(body) {
    const text = JSON.stringify(body);
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      let status;
      try {
        const res = await fetch(`${gw}/v1/hearing-results`, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(30_000) });
        status = res.status;
        const json = await res.json().catch(() => undefined);
        if (status === 202 || status === 200 || status === 201) {
          state.posts++;
          return json;
        }
        if (status < 500 && status !== 429) throw Object.assign(new Error(`gateway answered ${status}: ${JSON.stringify(json).slice(0, 300)}`), { fatal: true });
      } catch (e) {
        if (e.fatal) throw e;
      }
      // Not acknowledged (5xx while PostgreSQL restarts, connection refused): send the SAME body again.
      state.postRetries++;
      if (Date.now() - started > 600_000) throw new Error(`gave up posting after 10 min (last status ${status})`);
      await sleep(Math.min(100 * 2 ** attempt, 3000));
    }
  }
  const tpl = templates();
  const perGroup = new Map(); // template name → notifications one hearing creates
  // First one group of every template, serially: learns the counts, drops any template that needs review.
  let nextGroup = 1;
  const usable = [];
  for (const t of tpl) {
    const g = nextGroup++;
    const r = await post(hearingBody(t, g, 0));
    const pending = r.notifications.filter((n) => n.status === 'pending');
    for (const n of pending) state.accepted.set(n.id, n.partner);
    state.reviewNotifications += r.notifications.length - pending.length;
    if (pending.length && pending.length === r.notifications.length) {
      usable.push(t);
      perGroup.set(t.name, pending.length);
      for (let s = 1; s < STEPS; s++) for (const n of (await post(hearingBody(t, g, s))).notifications) state.accepted.set(n.id, n.partner);
    }
  }
  if (!usable.length) throw new Error('no template produced deliverable notifications');
  say(`templates: ${usable.map((t) => `${t.name}×${perGroup.get(t.name)}`).join(', ')} (${tpl.length - usable.length} skipped: need review or route nowhere)`);
  const realCount = usable.filter((t) => t.real).length;

  let planned = state.accepted.size;
  let postingDone = false;
  const postingStarted = Date.now();
  let postingEnded;
  let templateIdx = 0;
  const BATCH = Math.max(1, Math.min(25, Math.ceil(N / (CONCURRENCY * 10 * STEPS * 3))));
  async function lane() {
    for (;;) {
      const groups = [];
      while (groups.length < BATCH && planned < N) {
        const t = usable[templateIdx++ % usable.length];
        groups.push({ t, g: nextGroup++ });
        planned += perGroup.get(t.name) * STEPS;
      }
      if (!groups.length) return;
      // Step by step across the batch: later hearings of a case are accepted after earlier ones.
      for (let s = 0; s < STEPS; s++) {
        for (const { t, g } of groups) {
          const r = await post(hearingBody(t, g, s));
          for (const n of r.notifications) {
            if (n.status !== 'pending') state.reviewNotifications++;
            state.accepted.set(n.id, n.partner);
          }
        }
      }
    }
  }
  const posting = Promise.all(Array.from({ length: CONCURRENCY }, lane)).then(() => {
    postingDone = true;
    postingEnded = Date.now();
    say(`posting done: ${state.accepted.size} notifications accepted from ${state.posts} posts (${state.postRetries} retried posts)`);
  });
  posting.catch(() => undefined);

  // ── faults ──
  const progress = () => (postingDone ? 1 : state.accepted.size / N);
  const record = (kind, detail = {}) => {
    const f = { kind, ...detail, at: Date.now(), endedAt: undefined };
    state.faults.push(f);
    return f;
  };
  const killWorker = async () => {
    const f = record('worker SIGKILL');
    await worker.kill('SIGKILL');
    say(`worker SIGKILLed (#${state.faults.filter((x) => x.kind === 'worker SIGKILL').length})`);
    await sleep(1000);
    worker.start();
    f.endedAt = Date.now();
  };
  const killRedis = async () => {
    const f = record('redis SIGKILL');
    await redis.kill('SIGKILL');
    say('redis SIGKILLed');
    await sleep(3000);
    redis.start();
    await waitPort(redisPort, 'redis-server (restart)');
    f.endedAt = Date.now();
    say(`redis back after ${((f.endedAt - f.at) / 1000).toFixed(1)} s (AOF replayed)`);
  };
  const restartPg = async () => {
    const f = record('postgres crash-restart');
    say('postgres: immediate stop');
    await ownPg.crashRestart(3000);
    f.endedAt = Date.now();
    say(`postgres back after ${((f.endedAt - f.at) / 1000).toFixed(1)} s (WAL recovery)`);
  };
  let outageEnd;
  const startOutage = async () => {
    const f = record(`${OUTAGE_PARTNER} outage`, { ms: OUTAGE_MS });
    await fault(OUTAGE_PARTNER, { status: 503 });
    say(`${OUTAGE_PARTNER} DOWN for ${OUTAGE_MS / 1000} s`);
    outageEnd = (async () => {
      await sleep(OUTAGE_MS);
      await fault(OUTAGE_PARTNER, BASELINE[OUTAGE_PARTNER]);
      f.endedAt = Date.now();
      say(`${OUTAGE_PARTNER} back up`);
    })();
  };
  // Discrete faults at fractions of the posting; whatever is left fires once posting is done.
  const plan = [{ at: 0.1, run: startOutage }];
  for (let i = 0; i < REDIS_KILLS; i++) plan.push({ at: REDIS_KILLS === 1 ? 0.4 : 0.25 + (0.4 * i) / Math.max(1, REDIS_KILLS - 1), run: killRedis });
  for (let i = 0; i < PG_RESTARTS; i++) plan.push({ at: 0.45 + (0.1 * i), run: restartPg });
  if (Number.isFinite(WORKER_KILLS)) for (let i = 0; i < WORKER_KILLS; i++) plan.push({ at: (i + 1) / (WORKER_KILLS + 1) + 0.05, run: killWorker });
  plan.sort((a, b) => a.at - b.at);
  let nextPeriodicKill = Date.now() + WORKER_KILL_EVERY * (0.5 + Math.random());
  let faultsDone = false;
  const director = (async () => {
    while (plan.length || !postingDone) {
      if (plan.length && progress() >= plan[0].at) {
        await plan.shift().run();
        continue;
      }
      if (!Number.isFinite(WORKER_KILLS) && Date.now() >= nextPeriodicKill) {
        await killWorker();
        nextPeriodicKill = Date.now() + WORKER_KILL_EVERY * (0.5 + Math.random());
      }
      await sleep(250);
    }
    // Keep killing the worker periodically until the outage is over too.
    let outageOver = false;
    outageEnd?.then(() => (outageOver = true));
    while (!Number.isFinite(WORKER_KILLS) && !outageOver) {
      if (Date.now() >= nextPeriodicKill) {
        await killWorker();
        nextPeriodicKill = Date.now() + WORKER_KILL_EVERY * (0.5 + Math.random());
      }
      await sleep(250);
    }
    await outageEnd;
    faultsDone = true;
    say('all faults over; waiting for the backlog to drain');
  })();
  director.catch(() => undefined);

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
    await Promise.race([posting, director, sleep(2000)]);
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
    if (faultsDone && postingDone && faultsEndedAt === undefined) faultsEndedAt = Date.now();
    if (!(faultsDone && postingDone)) continue;
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
  await director;

  // ── verification ──
  say('verifying…');
  const rec = await (await fetch(`${gw}/v1/reconciliation`, { headers: devAuthHeaders() })).json();
  const rows = (await q(`select id, partner, order_key, sequence::float8 as sequence, status, acknowledged_at, attempts from notifications`)).map((r) => ({ ...r, sequence: Number(r.sequence) }));
  const [successDup] = await q(`select count(*)::int as n from (select notification_id from attempts where outcome = 'success' group by 1 having count(*) > 1) x`);
  const attemptsBy = await q(`select outcome, coalesce(error_code, '') as code, count(*)::int as n from attempts group by 1, 2 order by 3 desc`);
  const ledgerIds = new Set(rows.map((r) => r.id));
  const acceptedByPartner = {};
  for (const p of state.accepted.values()) acceptedByPartner[p] = (acceptedByPartner[p] ?? 0) + 1;

  const partners = {};
  const simSeq = new Map();
  for (const p of Object.keys(acceptedByPartner)) {
    const got = await (await fetch(`${simInfo.control}/accepted/${p}`)).json();
    const ids = new Set(got.ids);
    got.ids.forEach((id, i) => simSeq.set(id, got.seqs[i]));
    let missing = 0;
    for (const [id, partner] of state.accepted) if (partner === p && !ids.has(id)) missing++;
    const foreign = got.ids.filter((id) => state.accepted.get(id) !== p).length;
    partners[p] = { accepted: acceptedByPartner[p], simUnique: got.stats.unique, simReceived: got.stats.received, simDuplicates: got.stats.duplicates, simFaulted: got.stats.faulted, simInvalid: got.stats.invalid, simRejected: got.stats.rejected, missing, foreign };
  }
  // Per-case order: for each order key, the simulator's receive order and the ledger's
  // acknowledgement order must both follow the ledger sequence.
  const byKey = new Map();
  for (const r of rows) (byKey.get(r.order_key) ?? byKey.set(r.order_key, []).get(r.order_key)).push(r);
  let orderKeysChecked = 0;
  let orderViolations = 0;
  const violationsSample = [];
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    orderKeysChecked++;
    list.sort((a, b) => a.sequence - b.sequence);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1];
      const b = list[i];
      const simOk = simSeq.has(a.id) && simSeq.has(b.id) && simSeq.get(a.id) < simSeq.get(b.id);
      const ackOk = a.acknowledged_at && b.acknowledged_at && a.acknowledged_at <= b.acknowledged_at;
      if (!simOk || !ackOk) {
        orderViolations++;
        if (violationsSample.length < 5) violationsSample.push({ key, earlier: a.id, later: b.id, simSeq: [simSeq.get(a.id), simSeq.get(b.id)], ack: [a.acknowledged_at, b.acknowledged_at] });
      }
    }
  }

  const notAcknowledged = rows.filter((r) => r.status !== 'acknowledged').length;
  const missingFromLedger = [...state.accepted.keys()].filter((id) => !ledgerIds.has(id)).length;
  const lastAck = Math.max(...rows.filter((r) => r.acknowledged_at).map((r) => r.acknowledged_at.getTime()));
  const lastFaultEnd = Math.max(...state.faults.map((f) => f.endedAt ?? 0));
  const countKinds = (k) => state.faults.filter((f) => f.kind === k).length;
  const procStats = Object.fromEntries(procs.map((p) => [p.name, { starts: p.starts, unexpectedExits: p.unexpectedExits }]));

  const checks = {
    'all posting accepted': state.postFailures.length === 0,
    'every accepted notification acknowledged in the ledger': done && notAcknowledged === 0 && missingFromLedger === 0,
    'no obligation the platform did not ask for': rows.length === state.accepted.size,
    'reconcile: 0 unaccounted': rec.unaccounted === 0,
    'simulator unique == accepted, per partner': Object.values(partners).every((p) => p.simUnique === p.accepted),
    'every accepted id present at its simulator': Object.values(partners).every((p) => p.missing === 0 && p.foreign === 0),
    'one success attempt per notification': successDup.n === 0,
    'per-case order held': orderViolations === 0 && orderKeysChecked > 0,
    'no unexpected gateway exit': procStats.gateway.unexpectedExits === 0,
  };
  summary = {
    date: new Date().toISOString(),
    machine: { nproc: os.availableParallelism(), memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1), freeG: spawnSync('free', ['-g'], { encoding: 'utf8' }).stdout?.trimEnd(), node: process.version, os: `${os.type()} ${os.release()}`, cpu: os.cpus()[0]?.model },
    settings: { notificationsTarget: N, concurrency: CONCURRENCY, stepsPerCase: STEPS, errorRate: ERROR_RATE, baselineFaults: BASELINE, outage: { partner: OUTAGE_PARTNER, ms: OUTAGE_MS }, workerKills: args['worker-kills'], workerKillEveryMs: WORKER_KILL_EVERY, redisKills: REDIS_KILLS, pgRestarts: PG_RESTARTS, ownPostgres: !args['pg-url'] },
    templates: usable.map((t) => `${t.name} (${perGroup.get(t.name)} per hearing)`),
    realFixtureTemplates: realCount,
    posts: state.posts,
    postRetries: state.postRetries,
    accepted: state.accepted.size,
    acceptedByPartner,
    acknowledged: rows.length - notAcknowledged,
    notAcknowledged,
    missingFromLedger,
    reviewNotifications: state.reviewNotifications,
    unaccounted: rec.unaccounted,
    reconciliation: rec.rows,
    partners,
    orderKeysChecked,
    orderViolations,
    violationsSample,
    duplicateSuccessAttempts: successDup.n,
    attempts: attemptsBy.slice(0, 15),
    totalAttempts: attemptsBy.reduce((n, a) => n + a.n, 0),
    faults: {
      workerKills: countKinds('worker SIGKILL'),
      redisKills: countKinds('redis SIGKILL'),
      pgRestarts: countKinds('postgres crash-restart'),
      outages: state.faults.filter((f) => f.kind.endsWith('outage')).map((f) => ({ kind: f.kind, seconds: Math.round((f.endedAt - f.at) / 1000) })),
      timeline: state.faults.map((f) => ({ kind: f.kind, atS: +((f.at - postingStarted) / 1000).toFixed(1), endedAtS: f.endedAt ? +((f.endedAt - postingStarted) / 1000).toFixed(1) : null })),
    },
    processes: procStats,
    postingSeconds: +(((postingEnded ?? Date.now()) - postingStarted) / 1000).toFixed(1),
    durationSeconds: +((lastAck - postingStarted) / 1000).toFixed(1),
    throughputPerSecond: +(rows.length / ((lastAck - postingStarted) / 1000)).toFixed(1),
    lastFaultEndedAtS: +((lastFaultEnd - postingStarted) / 1000).toFixed(1),
    recoverySeconds: +(Math.max(0, lastAck - lastFaultEnd) / 1000).toFixed(1),
    timedOut,
    checks,
    passed: Object.values(checks).every(Boolean),
    logs: args.keep ? logDir : undefined,
  };
  if (args['pg-url']) await q(`drop schema if exists "${schema}" cascade`);
  await db.end();
  exitCode = summary.passed ? 0 : 1;
}

function printSummary(s) {
  const lines = [
    `date: ${s.date}`,
    `machine: nproc ${s.machine.nproc}, ${s.machine.memoryGiB} GiB RAM, ${s.machine.cpu}, node ${s.machine.node}`,
    `accepted: ${s.accepted} notifications from ${s.posts} hearing posts (${s.postRetries} posts retried) — ${Object.entries(s.acceptedByPartner).map(([p, n]) => `${p} ${n}`).join(', ')}`,
    `acknowledged: ${s.acknowledged}; not acknowledged: ${s.notAcknowledged}; attempts: ${s.totalAttempts}`,
    `faults: worker SIGKILL ×${s.faults.workerKills}, Redis SIGKILL ×${s.faults.redisKills}, PostgreSQL crash-restart ×${s.faults.pgRestarts}, ${s.faults.outages.map((o) => `${o.kind} ${o.seconds} s`).join(', ')}, ${s.settings.errorRate * 100}% errors at every simulator`,
    ...Object.entries(s.partners).map(([p, x]) => `  ${p.padEnd(22)} accepted ${x.accepted}  sim unique ${x.simUnique}  missing ${x.missing}  duplicates deduped ${x.simDuplicates}  faults played ${x.simFaulted}`),
    `processes: ${Object.entries(s.processes).map(([n, p]) => `${n} started ${p.starts}× (${p.unexpectedExits} unexpected exits)`).join(', ')}`,
    `per-case order: ${s.orderKeysChecked} case keys with ≥2 notifications, ${s.orderViolations} violations`,
    `duration: ${s.durationSeconds} s (posting ${s.postingSeconds} s), ${s.throughputPerSecond} notifications/s end to end`,
    `recovery: ${s.recoverySeconds} s from the last fault ending (t=${s.lastFaultEndedAtS} s) to the last acknowledgement`,
    `unaccounted: ${s.unaccounted}`,
    ...Object.entries(s.checks).map(([k, v]) => `${v ? '✔' : '✘'} ${k}`),
    s.passed ? 'CHAOS SUITE PASSED' : 'CHAOS SUITE FAILED',
  ];
  return lines.join('\n');
}

function recordReliability(s) {
  const file = join(root, 'RELIABILITY.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Reliability\n\n<!-- chaos-run:start -->\n<!-- chaos-run:end -->\n';
  const reached = s.accepted >= s.settings.notificationsTarget ? '' : ` (**target ${s.settings.notificationsTarget} not reached**)`;
  const block = `<!-- chaos-run:start -->
## Last recorded chaos run (written by \`npm run test:chaos\`)

- date: ${s.date}
- machine: \`nproc\` = ${s.machine.nproc}; ${s.machine.cpu}; node ${s.machine.node}; ${s.machine.os}
- \`free -g\`:

\`\`\`
${s.machine.freeG}
\`\`\`

- result: **${s.passed ? 'PASSED' : 'FAILED'}**${s.timedOut ? ' (timed out waiting for the backlog)' : ''}
- accepted: **${s.accepted}** notifications${reached} from ${s.posts} hearing-result posts (${s.postRetries} posts retried with the same body) — ${Object.entries(s.acceptedByPartner).map(([p, n]) => `${p} ${n}`).join(', ')}
- traffic: ${s.templates.join('; ')}; ${s.settings.stepsPerCase} hearings per case
- acknowledged: ${s.acknowledged}; not acknowledged: ${s.notAcknowledged}; attempts recorded: ${s.totalAttempts}; cases (order keys) checked for order: ${s.orderKeysChecked}; order violations: ${s.orderViolations}; notifications with more than one success attempt: ${s.duplicateSuccessAttempts}
- faults: worker SIGKILL ×${s.faults.workerKills}, Redis SIGKILL ×${s.faults.redisKills} (AOF everysec), PostgreSQL immediate-stop restart ×${s.faults.pgRestarts}, ${s.faults.outages.map((o) => `${o.kind} ${o.seconds} s`).join(', ')}, ${s.settings.errorRate * 100}% errors at every simulator throughout
- processes: ${Object.entries(s.processes).map(([n, p]) => `${n} started ${p.starts}× (${p.unexpectedExits} unexpected exits${p.unexpectedExits ? ', restarted by the suite\'s supervisor' : ''})`).join('; ')}
- duration: ${s.durationSeconds} s from first post to last acknowledgement (posting took ${s.postingSeconds} s); ${s.throughputPerSecond} notifications/s end to end
- recovery time: **${s.recoverySeconds} s** from the last fault ending (t = ${s.lastFaultEndedAtS} s) to the last acknowledgement

| partner | accepted | simulator unique | missing | duplicates deduped by the simulator | faults played |
|---|---|---|---|---|---|
${Object.entries(s.partners).map(([p, x]) => `| ${p} | ${x.accepted} | ${x.simUnique} | ${x.missing} | ${x.simDuplicates} | ${x.simFaulted} |`).join('\n')}

Fault timeline (seconds from the first post): ${s.faults.timeline.map((f) => `${f.kind} ${f.atS}→${f.endedAtS}`).join('; ')}

${Object.entries(s.checks).map(([k, v]) => `- ${v ? '✔' : '✘'} ${k}`).join('\n')}

unaccounted: ${s.unaccounted}
<!-- chaos-run:end -->`;
  const out = /<!-- chaos-run:start -->[\s\S]*<!-- chaos-run:end -->/.test(text) ? text.replace(/<!-- chaos-run:start -->[\s\S]*<!-- chaos-run:end -->/, block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, out);
  say(`recorded in ${file}`);
}

async function cleanup() {
  for (const p of [...procs].reverse()) {
    p.supervise = false;
    await Promise.race([p.stop(), sleep(10_000)]).catch(() => undefined);
    if (p.child) p.child.kill('SIGKILL');
  }
  ownPg?.stop();
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
