// `npm start`: build, then run the bridge, the partner simulators and sample traffic in one process
// on embedded defaults: the ledger and the queues on an embedded PostgreSQL server under
// CP_BRIDGE_DATA_DIR (default ./.data) — nothing to install but Node. With REDIS_URL set the queues
// run on that Redis instead (started locally when it is installed but stopped, as production's).
import { spawn, spawnSync } from 'node:child_process';
import { ensureRedis } from './services.mjs';

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (process.env.REDIS_URL) {
  try {
    await ensureRedis();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
const bridge = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
// A process manager stops `npm start`: pass it on, so the bridge drains and stops its server.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => bridge.kill(signal));
bridge.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
