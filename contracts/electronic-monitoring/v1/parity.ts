import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageContext } from '../../../libs/contracts-kit/src/adapter.js';
import type { ParityCase } from '../../../libs/contracts-kit/src/parity/parity-case.js';
import { mapFile } from './adapter.js';

const here = dirname(fileURLToPath(import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

export interface EmRealPair {
  readonly dir: string;
  readonly layout: 'DDV4' | 'DDV5';
  readonly offloaded?: { readonly resolvesTo: string; readonly reason: string };
}
export interface EmRealFixtures {
  readonly files: { readonly input: string; readonly expectedDeviceWearer: string; readonly expectedOrder: string };
  readonly excludedKeys: Readonly<Record<string, string>>;
  readonly pairs: readonly EmRealPair[];
}

export const realFixtures = readJson(join(here, 'real-fixtures.json')) as EmRealFixtures;
export const pairName = (p: EmRealPair): string => p.dir.split('/').pop()!;

const ctxFor = (messageId: string, layout: string): MessageContext => ({ notificationId: messageId, messageId, now: '2025-01-01T00:00:00.000Z', settings: { dataDictionaryVersion: layout } });

/**
 * Every real pair (hmpps-electronic-monitoring-create-an-order-api, CourtHearingEventListenerTest):
 * cp_payload.json → the device wearer and order the service sent to FMS. The real service sends
 * one order per monitored defendant; the pair's expected order belongs to the defendant named in
 * the expected device wearer. An offloaded (S3 pointer) payload is read from where the real
 * test's S3 stub serves it.
 */
export function parityCases(root: string): ParityCase[] {
  const f = realFixtures.files;
  return realFixtures.pairs.filter((p) => existsSync(join(root, p.dir))).map((pair) => ({
    name: pairName(pair),
    format: 'json' as const,
    ignorePaths: Object.keys(realFixtures.excludedKeys).map((k) => `$.${k}`),
    expected: () => ({ deviceWearer: readJson(join(root, pair.dir, f.expectedDeviceWearer)), order: readJson(join(root, pair.dir, f.expectedOrder)) }),
    produce: () => {
      const wearer = readJson(join(root, pair.dir, f.expectedDeviceWearer)) as { first_name?: string; last_name?: string };
      const input = readJson(pair.offloaded ? join(root, pair.offloaded.resolvesTo) : join(root, pair.dir, f.input));
      const out = mapFile(input, ctxFor(`msg-${pairName(pair)}`, pair.layout));
      if (!out.ok) return { ok: false, problems: out.problems.map((p) => `${p.code} ${p.path}`).join('; ') };
      const mapped = out.defendants.filter((d) => d.decision === 'required');
      const failed = mapped.find((d) => d.result && !d.result.ok);
      const documents = mapped.flatMap((d) => (d.result?.ok ? [d.result.wire] : []));
      const own = documents.find((w) => w.deviceWearer.first_name === wearer.first_name && w.deviceWearer.last_name === wearer.last_name) ?? documents[0];
      if (!own) {
        const why = failed?.result && !failed.result.ok ? failed.result.problems.map((p) => `${p.code} ${p.path}`).join('; ') : out.defendants.map((d) => `${d.defendantId}: ${d.decision}`).join('; ');
        return { ok: false, problems: `no order produced (${why})` };
      }
      return { ok: true, output: { deviceWearer: own.deviceWearer, order: own.order } };
    },
  }));
}
