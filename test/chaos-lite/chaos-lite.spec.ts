import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../libs/contracts-kit/src/paths.js';

/**
 * The reduced chaos suite inside `npm test` (issue 4, item 9): the same runner as
 * `npm run test:chaos` (test/chaos/chaos.mjs) with 2,000 notifications, one worker SIGKILL, one
 * Redis SIGKILL (its own redis-server, AOF on), 20% errors at every simulator and a 15 s outage of
 * one partner, and the same assertions. PostgreSQL is its own throwaway cluster when initdb is
 * installed, else the test database in its own schema (nothing restarts it here).
 */
const hasInitdb = (existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) || spawnSync('sh', ['-c', 'command -v initdb'], { stdio: 'ignore' }).status === 0;

describe('chaos (reduced): worker and Redis killed, 20% errors, a partner outage', () => {
  it('loses nothing, delivers each notification once, keeps per-case order', async () => {
    if (!existsSync(join(projectRoot, 'dist/apps/worker/src/main.js'))) spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' });
    mkdirSync(join(projectRoot, 'test-output'), { recursive: true });
    const out = join(projectRoot, 'test-output', `chaos-lite-${process.pid}.json`);
    const argv = ['test/chaos/chaos.mjs', '--notifications', '2000', '--concurrency', '6', '--worker-kills', '1', '--redis-kills', '1', '--pg-restarts', '0', '--outage-ms', '15000', '--settle-timeout-ms', '120000', '--json', out];
    if (!hasInitdb) argv.push('--pg-url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    let output = '';
    const code = await new Promise<number | null>((done) => {
      const child = spawn(process.execPath, argv, { cwd: projectRoot, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.once('exit', done);
    });
    if (code !== 0) console.error(output.slice(-6000));
    expect(existsSync(out)).toBe(true);
    const s = JSON.parse(readFileSync(out, 'utf8'));
    expect(s.faults.workerKills).toBe(1);
    expect(s.faults.redisKills).toBe(1);
    expect(s.faults.outages).toHaveLength(1);
    expect(s.accepted).toBeGreaterThanOrEqual(2000);
    expect(s.unaccounted).toBe(0);
    expect(s.notAcknowledged).toBe(0);
    for (const p of Object.values(s.partners) as { accepted: number; simUnique: number; missing: number; foreign: number }[]) {
      expect(p.simUnique).toBe(p.accepted);
      expect(p.missing).toBe(0);
      expect(p.foreign).toBe(0);
    }
    expect(s.orderKeysChecked).toBeGreaterThan(0);
    expect(s.orderViolations).toBe(0);
    expect(s.duplicateSuccessAttempts).toBe(0);
    expect(typeof s.recoverySeconds).toBe('number');
    expect(s.checks).toEqual(Object.fromEntries(Object.keys(s.checks).map((k) => [k, true])));
    expect(code).toBe(0);
  }, 180_000);
});
