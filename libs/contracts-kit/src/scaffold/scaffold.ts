import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CodedError } from '../../../domain/src/errors/problem.js';
import { contractsRoot, projectRoot } from '../paths.js';
import { skeletonFiles } from './skeleton-templates.js';

/**
 * `cp-bridge contract new <name> [--from vN]`. Always writes into the SOURCE contracts root
 * (CP_BRIDGE_CONTRACTS_ROOT, else ./contracts), never dist/, so a new version is a reviewable
 * folder; tests pass `root` to generate into a temporary directory instead.
 */
export interface ScaffoldResult {
  readonly ref: string;
  readonly dir: string;
  readonly mode: 'copy' | 'skeleton';
  readonly from?: string;
  readonly files: readonly string[];
  readonly renamed: readonly string[];
}

export function scaffoldRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.CP_BRIDGE_CONTRACTS_ROOT ? resolve(env.CP_BRIDGE_CONTRACTS_ROOT) : contractsRoot();
}

const TEXT = /\.(ts|md|json)$/;
// Data and partner files keep their meaning: a fixture's input says nothing about our version.
const UNTOUCHED_DIRS = ['fixtures', 'schema'];

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).sort().flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? (e === 'node_modules' ? [] : filesUnder(p, base)) : [relative(base, p)];
  });
}

/** Relative imports of libs/ re-pointed from where a file was to where it is now (a different root). */
function repointLibs(text: string, fromFile: string, toFile: string): string {
  return text.replace(/(['"])((?:\.\.\/)+)libs\//g, (_m, q: string, ups: string) => {
    const libs = resolve(dirname(fromFile), ups, 'libs');
    let rel = relative(dirname(toFile), libs).split(sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `${q}${rel}/`;
  });
}

function renameVersion(text: string, name: string, from: string, to: string): string {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return text
    .replace(new RegExp(`\\b${esc(name)}@${from}\\b`, 'g'), `${name}@${to}`)
    .replace(new RegExp(`(\\bversion:\\s*['"])${from}(['"])`, 'g'), `$1${to}$2`)
    .replace(new RegExp(`(contracts/${esc(name)}/)${from}\\b`, 'g'), `$1${to}`)
    .replace(new RegExp(`^(#+ .*\\b)${from}\\b`, 'gm'), `$1${to}`);
}

const versionsIn = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((v) => /^v\d+$/.test(v)).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))) : [];

/**
 * `root` is where the new version is written; `sourceRoot` (default: the same) where the version
 * to copy is read, so a test can copy a real contract into a temporary root.
 */
export function scaffoldContract(name: string, options: { from?: string; root?: string; sourceRoot?: string } = {}): ScaffoldResult {
  if (!/^[a-z0-9-]+$/.test(name)) throw new CodedError('CONTRACT.BAD_NAME', `contract names are kebab-case (got "${name}")`);
  const root = resolve(options.root ?? scaffoldRoot());
  const contractDir = join(root, name);
  const sourceDir = join(resolve(options.sourceRoot ?? root), name);
  const versions = versionsIn(sourceDir);
  if (versions.length === 0) {
    if (options.from) throw new CodedError('CONTRACT.UNKNOWN_VERSION', `${name} has no versions to copy --from ${options.from}`);
    const dir = join(contractDir, 'v1');
    const libs = relative(dir, join(projectRoot, 'libs')).split(sep).join('/');
    const files = skeletonFiles(name, libs);
    for (const [file, text] of Object.entries(files)) {
      const path = join(dir, file);
      mkdirSync(dirname(path), { recursive: true });
      // rules/ sits one level deeper than the version folder.
      writeFileSync(path, file.includes('/') && file.endsWith('.ts') ? text.split(`'${libs}/`).join(`'../${libs}/`) : text);
    }
    return { ref: `${name}@v1`, dir, mode: 'skeleton', files: Object.keys(files), renamed: [] };
  }
  const from = options.from ?? versions[versions.length - 1]!;
  if (!versions.includes(from)) throw new CodedError('CONTRACT.UNKNOWN_VERSION', `${name}@${from} does not exist (have: ${versions.join(', ')})`);
  const latest = Math.max(...[...versions, ...versionsIn(contractDir)].map((v) => Number(v.slice(1))));
  const to = `v${latest + 1}`;
  const source = join(sourceDir, from);
  const dir = join(contractDir, to);
  cpSync(source, dir, { recursive: true, filter: (p) => !p.includes(`${sep}node_modules`) });
  const files = filesUnder(dir);
  const renamed: string[] = [];
  for (const file of files) {
    if (!TEXT.test(file) || UNTOUCHED_DIRS.includes(file.split(sep)[0]!)) continue;
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = renameVersion(repointLibs(before, join(source, file), path), name, from, to);
    if (after !== before) {
      writeFileSync(path, after);
      renamed.push(file);
    }
  }
  return { ref: `${name}@${to}`, dir, mode: 'copy', from, files, renamed };
}
