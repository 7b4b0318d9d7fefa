import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageContext } from '../../../libs/contracts-kit/src/adapter.js';
import type { ParityCase } from '../../../libs/contracts-kit/src/parity/parity-case.js';
import { mapFile } from './adapter.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface PoliceRealPair {
  readonly name: string;
  readonly input: string;
  readonly expected: string;
  readonly edits?: readonly { readonly replace: string; readonly with: string; readonly why: string }[];
}

export const realPairs = (JSON.parse(readFileSync(join(here, 'real-fixtures.json'), 'utf8')) as { pairs: PoliceRealPair[] }).pairs;

const ctx: MessageContext = { notificationId: 'parity', messageId: '8d0c3b4e-0000-4000-8000-000000000001', now: '2026-01-01T00:00:00.000Z' };

/**
 * The input as SPIResultIT sends it: its own placeholder replacements (`edits`) applied, and
 * URN_DEFAULT_VALUE (a generated URN there) replaced by the expected PTIURN so the URN is valid.
 */
export function realInput(root: string, pair: PoliceRealPair, expectedXml: string): unknown {
  let text = readFileSync(join(root, pair.input), 'utf8');
  const urn = /<PTIURN>([^<]*)<\/PTIURN>/.exec(expectedXml)?.[1];
  if (urn) text = text.split('URN_DEFAULT_VALUE').join(urn);
  for (const e of pair.edits ?? []) text = text.split(e.replace).join(e.with);
  return JSON.parse(text);
}

/** Every real pair of hmcts/cpp-context-staging-prosecutors-spi (SPIResultIT): CP event → ResultedCaseMessage. */
export function parityCases(root: string): ParityCase[] {
  return realPairs.filter((p) => existsSync(join(root, p.input)) && existsSync(join(root, p.expected))).map((pair) => ({
    name: pair.name,
    format: 'xml' as const,
    expected: () => readFileSync(join(root, pair.expected), 'utf8'),
    produce: () => {
      const out = mapFile(realInput(root, pair, readFileSync(join(root, pair.expected), 'utf8')), ctx);
      if (!out.ok) return { ok: false, problems: out.problems.map((p) => `${p.code} ${p.path}`).join('; ') };
      return { ok: true, output: out.documents[0]!.document };
    },
  }));
}
