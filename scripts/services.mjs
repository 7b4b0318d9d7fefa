// Makes sure the services the bridge needs are reachable, starting local ones when they are
// installed but stopped, and saying clearly what to do when they are not installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { resolve } from 'node:path';

export function reachable(host, port, timeoutMs = 1000) {
  return new Promise((done) => {
    const s = net.connect({ host, port });
    const finish = (ok) => { s.destroy(); done(ok); };
    s.setTimeout(timeoutMs, () => finish(false));
    s.once('connect', () => finish(true));
    s.once('error', () => finish(false));
  });
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

async function waitFor(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(host, port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Redis at REDIS_URL (default 127.0.0.1:6379); started under ./.data/redis with noeviction + AOF if absent. */
export async function ensureRedis({ root = process.cwd(), quiet = false, installMissing = false } = {}) {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const host = url.hostname, port = Number(url.port || 6379);
  if (await reachable(host, port)) {
    // A running Redis must not evict queue data: set the policy if we are allowed to.
    if (has('redis-cli')) spawnSync('redis-cli', ['-h', host, '-p', String(port), 'config', 'set', 'maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    return { host, port, started: false };
  }
  const local = ['127.0.0.1', 'localhost'].includes(host);
  if (local && !has('redis-server') && installMissing) aptInstall('redis-server', quiet);
  if (!local || !has('redis-server')) {
    throw new Error(
      `Redis is not reachable at ${host}:${port} and cannot be started here.\n` +
        `  Install it (Debian: apt-get install redis-server) or point REDIS_URL at a running Redis (maxmemory-policy noeviction, appendonly yes).`,
    );
  }
  const dir = resolve(root, '.data/redis');
  mkdirSync(dir, { recursive: true });
  spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--dir', dir,
    '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--save', '', '--logfile', resolve(dir, 'redis.log')], { stdio: 'inherit' });
  if (!(await waitFor(host, port, 10))) throw new Error(`Started redis-server but ${host}:${port} did not answer; see .data/redis/redis.log`);
  if (!quiet) console.log(`started Redis on ${host}:${port} (data in .data/redis, AOF on, noeviction)`);
  return { host, port, started: true };
}

/** PostgreSQL at DATABASE_URL; a local cluster that is installed but stopped is started. */
export async function ensurePostgres({ quiet = false, root = process.cwd(), embeddedFallback = false } = {}) {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  const host = url.hostname, port = Number(url.port || 5432);
  if (await reachable(host, port)) return { url: url.toString(), started: false };
  if (['127.0.0.1', 'localhost'].includes(host) && has('pg_ctlcluster') && has('pg_lsclusters')) {
    const list = spawnSync('pg_lsclusters', ['-h'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
    for (const line of list) {
      const [version, cluster] = line.split(/\s+/);
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, 'start'], { stdio: 'inherit' });
    }
    if (await waitFor(host, port, 20)) {
      if (!quiet) console.log(`started PostgreSQL on ${host}:${port}`);
      return { url: url.toString(), started: true };
    }
  }
  if (embeddedFallback && !process.env.DATABASE_URL) {
    // No server here: the embedded one the bridge itself uses (ADR 0013), under .data/test-postgres.
    const { ensureEmbeddedServer } = await import('../dist/libs/ledger/src/embedded/embedded-server.js');
    const server = await ensureEmbeddedServer({ dataDir: resolve(root, '.data/test-postgres') });
    if (!quiet) console.log(`no PostgreSQL at ${host}:${port}: using the embedded server in ${server.clusterDir} (port ${server.port})`);
    return { url: server.url, started: server.startedHere, embedded: true };
  }
  throw new Error(
    `PostgreSQL is not reachable at ${host}:${port}.\n` +
      `  Install it (Debian: apt-get install postgresql) and allow trust auth for 127.0.0.1, or set DATABASE_URL.`,
  );
}

/** apt-get install, as root or through passwordless sudo; false when neither is possible. */
function aptInstall(pkg, quiet) {
  const sudo = process.getuid?.() === 0 ? [] : has('sudo') ? ['sudo', '-n'] : null;
  if (!has('apt-get') || sudo === null) return false;
  if (!quiet) console.log(`installing Debian's ${pkg}`);
  const run = (args) => spawnSync(sudo.length ? 'sudo' : 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], { stdio: quiet ? 'ignore' : 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return run(['update']).status === 0 && run(['install', '-y', '--no-install-recommends', pkg]).status === 0;
}

/** Debian's chromium for the console's browser tests: installed when missing and we may (root, apt-get). */
export function ensureChromium({ quiet = false } = {}) {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (spawnSync('test', ['-x', path]).status === 0) return path;
  if (!aptInstall('chromium', quiet)) {
    throw new Error(`Chromium is not at ${path} and could not be installed here: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return path;
}
