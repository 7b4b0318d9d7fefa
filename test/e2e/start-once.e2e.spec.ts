import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runningServer, stopEmbeddedServer } from '../../libs/ledger/src/embedded/embedded-server.js';
import { uniqueName } from '../support/harness.js';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * The README's main command in its `--once` form: the all-in-one bridge on embedded defaults (no
 * DATABASE_URL, no REDIS_URL: ledger and queues on the embedded PostgreSQL server; simulators, sample traffic) must finish its run and exit by itself — nothing it opened may keep
 * the process alive (a BullMQ worker's Redis connection once did).
 */
describe('cp-bridge start --once', () => {
  const prefix = uniqueName('once');
  const dataDir = mkdtempSync(join(tmpdir(), 'cpb-once-'));
  afterAll(async () => {
    await stopEmbeddedServer(dataDir).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the sample traffic and exits 0 on its own', async () => {
    const [port, simulatorsPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, CP_BRIDGE_DATA_DIR: dataDir, CP_BRIDGE_QUEUE_PREFIX: prefix, LOG_LEVEL: 'error' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'start', '--once', '--port', String(port), '--simulators-port', String(simulatorsPort)], { env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(killer);
    expect(out).toMatch(/unfinished: 0;/);
    expect(out).toContain(`ledger     embedded PostgreSQL in ${join(dataDir, 'postgres')}`);
    expect(out).toMatch(/queues {5}PostgreSQL at 127\.0\.0\.1:\d+ \(schema once_[0-9a-f]+_queues\)/);
    expect(code).toBe(0);
    // A clean stop stops the server it owns.
    expect(runningServer(join(dataDir, 'postgres'))).toBeUndefined();
  }, 120_000);
});
