// Chaos suite infrastructure: logging, a throwaway workspace, ports, supervised child processes and
// an own PostgreSQL cluster. Nothing here knows about the bridge.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s`;
export const say = (...a) => console.log(`[chaos ${since()}]`, ...a);

/** A temp dir for this run (data, logs); made on first use so `--help` leaves nothing behind. */
export function createWorkspace() {
  const tmp = mkdtempSync(join(os.tmpdir(), 'cpb-chaos-'));
  chmodSync(tmp, 0o755);
  const logDir = join(tmp, 'logs');
  mkdirSync(logDir);
  return { tmp, logDir };
}

export function freePort() {
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

export async function waitPort(port, what, seconds = 60) {
  for (let i = 0; i < seconds * 10; i++) {
    if (await reachable(port)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not listen on ${port} within ${seconds} s`);
}

/** A child process we may SIGKILL and start again; unexpected exits are counted and restarted. */
export class Proc {
  constructor(logDir, name, cmd, argv, env = {}) {
    Object.assign(this, { name, cmd, argv, env, child: undefined, starts: 0, unexpectedExits: 0, exits: [], expectingExit: false, supervise: true });
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
      this.exits.push({ at: Date.now(), code, signal, expected: this.expectingExit });
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
export class OwnPostgres {
  constructor(port, { tmp, logDir }) {
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
