// `npm start`: build, make sure Redis is there (start a local one, or say how), then run the
// bridge, the partner simulators and sample traffic in one process on embedded defaults.
import { spawnSync } from 'node:child_process';
import { ensureRedis } from './services.mjs';

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
try {
  await ensureRedis();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
