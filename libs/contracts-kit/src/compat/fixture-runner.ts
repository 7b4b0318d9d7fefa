import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problem, type Problem } from '../../../domain/src/errors/problem.js';
import { looksLikePoliceResultGenerated, readPoliceResultGenerated } from '../../../domain/src/readers/police-result-generated.reader.js';
import { readHearingResulted } from '../../../domain/src/readers/hearing-resulted.reader.js';
import type { MessageContext } from '../adapter.js';
import { fixturesRoot } from '../paths.js';
import type { ContractVersion } from './contract-version.js';

/**
 * Every fixture of a contract version as one runnable case: the team's own fixtures (fixtures/NNN-name) and the
 * real pairs listed in real-fixtures.json (used in place under the fixtures root). Catalogue,
 * coverage and the behaviour diff all run fixtures through here, so they agree on what ran.
 */
export interface FixtureCase {
  /** `own/001-name` or `real/name`. */
  readonly id: string;
  readonly input: unknown;
  readonly ctx: MessageContext;
  readonly select: { readonly caseId?: string; readonly defendantId?: string };
  /** Same input and settings ⇒ same key: copies of a fixture in two versions run once. */
  readonly key: string;
}

export interface FixtureRun {
  readonly documents: readonly string[];
  readonly problems: readonly Problem[];
}

const NOW = '2026-01-01T00:00:00.000Z';

function ctxOf(id: string, meta: { messageId?: string; settings?: Record<string, string> }): MessageContext {
  const messageId = meta.messageId ?? '8d0c3b4e-0000-4000-8000-000000000001';
  return { notificationId: `fixture:${id}`, messageId, now: NOW, ...(meta.settings ? { settings: meta.settings } : {}) };
}

const keyOf = (input: string, extra: unknown): string => createHash('sha256').update(input).update(JSON.stringify(extra ?? null)).digest('hex').slice(0, 16);

function ownCases(dir: string): FixtureCase[] {
  const root = join(dir, 'fixtures');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{3}-/.test(d.name))
    .map((d) => d.name)
    .sort()
    .flatMap((name) => {
      const inputFile = join(root, name, 'input.json');
      if (!existsSync(inputFile)) return [];
      const metaFile = join(root, name, 'meta.json');
      const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as Record<string, unknown>) : {};
      const text = readFileSync(inputFile, 'utf8');
      const select = { caseId: meta.caseId as string | undefined, defendantId: meta.defendantId as string | undefined };
      const ctx = ctxOf(name, meta as { messageId?: string; settings?: Record<string, string> });
      return [{ id: `own/${name}`, input: JSON.parse(text) as unknown, ctx, select, key: keyOf(text, [select, ctx.settings, ctx.messageId]) }];
    });
}

interface RealPair {
  name?: string;
  input?: string;
  expected?: string;
  dir?: string;
  layout?: string;
  settings?: Record<string, string>;
  edits?: { replace: string; with: string }[];
  offloaded?: { resolvesTo: string };
}

/**
 * Two real-fixtures.json layouts exist: `pairs[].input` paths (police-results), and `pairs[].dir`
 * with a shared `files.input` name (electronic-monitoring, whose `layout` is its data-dictionary
 * setting). Placeholders are replaced as the source projects' own tests do (listed `edits`, and
 * URN_DEFAULT_VALUE → the expected file's PTIURN, as the golden spec does).
 */
function realCases(dir: string, root: string): FixtureCase[] {
  const file = join(dir, 'real-fixtures.json');
  if (!existsSync(file) || !existsSync(root)) return [];
  const real = JSON.parse(readFileSync(file, 'utf8')) as { pairs?: RealPair[]; files?: { input?: string } };
  return (real.pairs ?? []).flatMap((pair) => {
    const rel = pair.offloaded?.resolvesTo ?? pair.input ?? (pair.dir && real.files?.input ? join(pair.dir, real.files.input) : undefined);
    if (!rel || !existsSync(join(root, rel))) return [];
    let text = readFileSync(join(root, rel), 'utf8');
    if (pair.expected?.endsWith('.xml') && existsSync(join(root, pair.expected))) {
      const urn = /<PTIURN>([^<]*)<\/PTIURN>/.exec(readFileSync(join(root, pair.expected), 'utf8'))?.[1];
      if (urn) text = text.split('URN_DEFAULT_VALUE').join(urn);
    }
    for (const e of pair.edits ?? []) text = text.split(e.replace).join(e.with);
    const name = pair.name ?? pair.dir?.split('/').pop() ?? rel;
    const settings = pair.settings ?? (pair.layout ? { dataDictionaryVersion: pair.layout } : undefined);
    const ctx = ctxOf(name, { messageId: `msg-${name}`, ...(settings ? { settings } : {}) });
    return [{ id: `real/${name}`, input: JSON.parse(text) as unknown, ctx, select: {}, key: keyOf(text, [settings]) }];
  });
}

export function fixtureCases(cv: ContractVersion, root = fixturesRoot()): FixtureCase[] {
  return [...ownCases(cv.dir), ...realCases(cv.dir, root)];
}

type MapFileLike = (json: unknown, ctx: MessageContext, select?: FixtureCase['select']) => {
  ok: boolean;
  problems?: readonly Problem[];
  documents?: readonly (string | { document: string })[];
  defendants?: readonly { result?: { ok: boolean; wire?: unknown; problems?: readonly Problem[] } }[];
};

/**
 * The documents a version produces for one fixture. Uses the version's own `mapFile` when it
 * exports one (it knows which subjects a payload yields); otherwise maps every defendant.
 */
export function runFixture(cv: ContractVersion, fc: FixtureCase): FixtureRun {
  try {
    const mapFile = cv.module.mapFile as MapFileLike | undefined;
    if (!mapFile) return runEveryDefendant(cv, fc);
    const r = mapFile(fc.input, fc.ctx, fc.select);
    if (!r.ok) return { documents: [], problems: r.problems ?? [] };
    if (r.documents) return { documents: r.documents.map((d) => (typeof d === 'string' ? d : d.document)), problems: [] };
    const documents: string[] = [];
    const problems: Problem[] = [];
    for (const d of r.defendants ?? []) {
      if (d.result?.ok) documents.push(cv.adapter.serialize(d.result.wire, fc.ctx));
      else if (d.result) problems.push(...(d.result.problems ?? []));
    }
    return { documents, problems };
  } catch (e) {
    return { documents: [], problems: [problem('CONTRACT.FIXTURE_CRASHED', fc.id, (e as Error).message)] };
  }
}

function runEveryDefendant(cv: ContractVersion, fc: FixtureCase): FixtureRun {
  const read = looksLikePoliceResultGenerated(fc.input) ? readPoliceResultGenerated(fc.input) : readHearingResulted(fc.input);
  if (!read.ok) return { documents: [], problems: read.problems };
  const documents: string[] = [];
  const problems: Problem[] = [];
  for (const prosecutionCase of read.value.hearing.prosecutionCases ?? []) {
    for (const defendant of prosecutionCase.defendants) {
      const mapped = cv.adapter.map({ hearing: read.value.hearing, prosecutionCase, defendant, sharedTime: read.value.sharedTime }, fc.ctx);
      if (mapped.ok) documents.push(cv.adapter.serialize(mapped.wire, fc.ctx));
      else problems.push(...mapped.problems);
    }
  }
  return { documents, problems };
}
