// The project's test command (README: `npm test`): lint, dependency rules, types, then every
// jest suite (unit, golden, integration against real PostgreSQL/Redis/simulators, e2e).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium, ensurePostgres, ensureRedis } from './services.mjs';

// The real partner schemas and fixtures are read in place (README); without them dozens of suites
// would each fail on a missing file, so say once what is missing and how to point at it.
const root = resolve(import.meta.dirname, '..');
const fixtures = resolve(root, process.env.CP_BRIDGE_FIXTURES_ROOT ?? '../shared/fixtures');
if (!existsSync(resolve(fixtures, 'cp-spi-staging'))) {
  console.error(`TEST.FIXTURES_MISSING: the shared fixtures are not at ${fixtures}.\nClone this project beside shared/ (as ../shared/fixtures) or set CP_BRIDGE_FIXTURES_ROOT=/path/to/shared/fixtures.`);
  process.exit(2);
}

function step(name, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`${r.status === 0 ? '✔' : '✘'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return r.status === 0;
}

const extra = process.argv.slice(2);
let ok = true;
if (!extra.length) {
  ok = step('lint', 'npx', ['eslint', '.', '--max-warnings=0']) && ok;
  ok = step('dependency rules', 'npx', ['depcruise', 'apps', 'libs', 'contracts', '--config', '.dependency-cruiser.cjs']) && ok;
  ok = step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) && ok;
}
// The durability tests run the built worker as a real process (SIGKILL needs one).
ok = step('build', 'npm', ['run', '--silent', 'build']) && ok;
// A fresh machine: what the suites need is started, or installed where we may (Debian, root or sudo),
// or — PostgreSQL — the embedded server the bridge itself ships is used.
let services;
try {
  services = { pg: await ensurePostgres({ root, embeddedFallback: true }), redis: await ensureRedis({ root, installMissing: true }), chromium: ensureChromium() };
} catch (e) {
  console.error(`TEST.SERVICES_MISSING: ${e.message}`);
  process.exit(2);
}
mkdirSync('test-output', { recursive: true });
const jestOk = step('jest', 'npx', ['jest', '--json', '--outputFile=test-output/jest.json', ...extra], {
  NODE_OPTIONS: '--experimental-vm-modules --no-warnings',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  DATABASE_URL: services.pg.url,
  CHROMIUM_PATH: services.chromium,
  // Suites exercise production's Redis backend unless they say otherwise (the embedded-default ones unset it).
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
});
ok = jestOk && ok;
if (services.pg.embedded && services.pg.started) {
  const { stopEmbeddedServer } = await import('../dist/libs/ledger/src/embedded/embedded-server.js');
  await stopEmbeddedServer(resolve(root, '.data/test-postgres'));
}
try {
  const j = JSON.parse(readFileSync('test-output/jest.json', 'utf8'));
  console.log(`\n${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests} skipped`);
  if (j.numTotalTests === 0) ok = false;
} catch {
  console.log('\n0 passed, 1 failed');
  ok = false;
}
process.exit(ok ? 0 : 1);
