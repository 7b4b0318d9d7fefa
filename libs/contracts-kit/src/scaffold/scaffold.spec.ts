import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { behaviourDiff } from '../compat/behaviour-diff.js';
import { loadVersion, versionsOf } from '../compat/contract-version.js';
import { fixtureCases } from '../compat/fixture-runner.js';
import { contractsRoot, projectRoot } from '../paths.js';
import { scaffoldContract } from './scaffold.js';

/**
 * Everything is generated into a temporary contracts root, never the real contracts/. It sits in
 * the project (not the OS temp dir) so generated code resolves node_modules like a real contract.
 */
const tmp = mkdtempSync(join(projectRoot, '.tmp-scaffold-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('contract new: fresh skeleton', () => {
  it('creates every part of a version folder and its golden spec passes as generated', () => {
    const r = scaffoldContract('demo-notices', { root: tmp });
    expect(r.ref).toBe('demo-notices@v1');
    for (const f of ['README.md', 'schema/document.schema.json', 'wire.ts', 'from-domain.mapper.ts', 'rules/index.ts', 'adapter.ts', 'adapter.golden.spec.ts', 'fixtures/001-one-defendant/input.json']) {
      expect(existsSync(join(r.dir, f))).toBe(true);
    }
    const config = {
      rootDir: tmp,
      testEnvironment: 'node',
      extensionsToTreatAsEsm: ['.ts'],
      transform: { '^.+\\.ts$': ['@swc/jest', { swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }] },
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      testMatch: ['**/*.spec.ts'],
    };
    const run = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', JSON.stringify(config), '--ci'], {
      cwd: projectRoot,
      env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`generated golden spec failed:\n${run.stderr}\n${run.stdout}`);
    expect(run.stderr).toMatch(/Tests:\s+2 passed/);
  }, 120_000);

  it('the skeleton is registered: its adapter declares its processes and maps its fixture', async () => {
    const cv = await loadVersion('demo-notices', 'v1', tmp);
    expect(cv.adapter.processes.map((p) => p.id)).toEqual(['TP-001']);
    expect(fixtureCases(cv).map((f) => f.id)).toEqual(['own/001-one-defendant']);
  });

  it('refuses --from for a contract that has no versions', () => {
    expect(() => scaffoldContract('nothing-here', { root: tmp, from: 'v1' })).toThrow(/no versions/);
  });
});

describe('contract new --from: next version copied and renamed', () => {
  it.each(['police-results', 'electronic-monitoring'])('%s: the next version behaves exactly like the one it copies on every fixture', async (name) => {
    const versions = versionsOf(name, contractsRoot());
    const from = versions[versions.length - 1]!;
    const next = `v${Number(from.slice(1)) + 1}`;
    const r = scaffoldContract(name, { root: tmp, sourceRoot: contractsRoot(), from });
    expect(r.ref).toBe(`${name}@${next}`);
    expect(readFileSync(join(r.dir, 'adapter.ts'), 'utf8')).toContain(`version: '${next}'`);
    const [a, b] = [await loadVersion(name, from, contractsRoot()), await loadVersion(name, next, tmp)];
    expect(b.adapter.version).toBe(next);
    expect(b.adapter.processes).toEqual(a.adapter.processes);
    const diff = behaviourDiff(a, b);
    expect(diff.fixtures).toBeGreaterThan(0);
    expect(diff.differences).toEqual([]);
  }, 120_000);
});
