// Starts the bridge as real separate processes (simulators, gateway, N workers) on PostgreSQL and
// Redis, like production; every run gets its own schema and queue prefix and cleans up after.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Redis } from 'ioredis';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const AUTH = { authorization: `Bearer ${process.env.CP_BRIDGE_API_KEY ?? 'cpb-dev-key'}` };

const simUrls = (b) => ({ CJSE_URL: `${b}/cjse/spi`, EM_URL: `${b}/em`, PRISON_URL: `${b}/prison`, PROBATION_URL: `${b}/probation`, LEGAL_AID_URL: `${b}/legal-aid`, PLATFORM_URL: `${b}/platform` });

async function waitHttp(url, seconds = 60) {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`BENCH.START_TIMEOUT: ${url} did not answer`);
}

export async function startStack({ workers = 1, tag = Date.now().toString(36), simEnv = {} } = {}) {
  const schema = `bench_${tag}`;
  const prefix = `bench_${tag}`;
  const simPort = 4700 + Math.floor(Math.random() * 200);
  const gwPort = 3700 + Math.floor(Math.random() * 200);
  const simBase = `http://127.0.0.1:${simPort}`;
  const env = { ...process.env, LOG_LEVEL: 'error', DATABASE_URL, REDIS_URL, CP_BRIDGE_DB_SCHEMA: schema, CP_BRIDGE_QUEUE_PREFIX: prefix, ...simUrls(simBase) };
  const procs = [];
  const run = (file, extra) => {
    // BENCH_PROF=gateway|worker|simulators writes a V8 CPU profile of that process to /tmp/prof.
    const prof = process.env.BENCH_PROF && file.includes(process.env.BENCH_PROF) ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [];
    const p = spawn(process.execPath, [...prof, file], { env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
    procs.push(p);
    return p;
  };
  const sims = run('dist/apps/simulators/src/main.js', { PORT: String(simPort), HOST: '127.0.0.1', SIM_RECORD_LIMIT: '1000', ...simEnv });
  await waitHttp(`${simBase}/_sim`);
  const gateway = run('dist/apps/gateway/src/main.js', { GATEWAY_PORT: String(gwPort) });
  await waitHttp(`http://127.0.0.1:${gwPort}/health`);
  const workerProcs = Array.from({ length: workers }, () => run('dist/apps/worker/src/main.js', {}));
  await sleep(1500);
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: 4, options: `-c search_path=${schema}` });
  return {
    schema, prefix, simBase, db, sims, gateway, workers: workerProcs,
    base: `http://127.0.0.1:${gwPort}`,
    /** Start one more worker process (a backlog can be built with none running, then drained). */
    async addWorker() {
      workerProcs.push(run('dist/apps/worker/src/main.js', {}));
      await sleep(1500);
    },
    async fault(partner, fault) {
      await fetch(`${simBase}/_sim/${partner}/faults`, fault ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) } : { method: 'DELETE' });
    },
    async stop() {
      // Each process is given up to 3 s to shut down cleanly (most take well under one), then killed.
      const exited = (p) => (p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', r)));
      for (const p of procs) p.kill('SIGTERM');
      await Promise.race([Promise.all(procs.map(exited)), sleep(3000)]);
      for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      await db.query(`drop schema if exists "${schema}" cascade`).catch(() => {});
      await db.end();
      const redis = new Redis(REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}

/** Resident memory of a process in MB (Linux /proc). */
export async function rssMb(pid) {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

export async function redisUsedMb() {
  const redis = new Redis(REDIS_URL);
  const info = await redis.info('memory');
  redis.disconnect();
  return Math.round(Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1048576);
}

export function pct(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
