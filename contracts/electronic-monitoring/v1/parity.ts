import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
const SCENARIOS = 'em-create-order/cp-hearing-to-fms';

const ctxFor = (messageId: string, layout: string): MessageContext => ({ notificationId: messageId, messageId, now: '2025-01-01T00:00:00.000Z', settings: { dataDictionaryVersion: layout } });

/** The expected documents of a scenario: one pair of files, or `_0`, `_1`, … when several defendants get an order. */
function expectedFiles(dir: string): { wearer: string; order: string }[] {
  const f = realFixtures.files;
  if (existsSync(join(dir, f.expectedDeviceWearer))) return [{ wearer: join(dir, f.expectedDeviceWearer), order: join(dir, f.expectedOrder) }];
  const out: { wearer: string; order: string }[] = [];
  for (let i = 0; existsSync(join(dir, f.expectedDeviceWearer.replace('.json', `_${i}.json`))); i++) {
    out.push({ wearer: join(dir, f.expectedDeviceWearer.replace('.json', `_${i}.json`)), order: join(dir, f.expectedOrder.replace('.json', `_${i}.json`)) });
  }
  return out;
}

/** The layout rule of real-fixtures.json (layoutNote): DDV5 adds `pilot` and the other empty keys to the order. */
const layoutOf = (orderFile: string): 'DDV4' | 'DDV5' => ('pilot' in (readJson(orderFile) as object) ? 'DDV5' : 'DDV4');

/**
 * Every real pair (hmpps-electronic-monitoring-create-an-order-api, CourtHearingEventListenerTest):
 * cp_payload.json → the device wearer and order the service sent to FMS, one per monitored
 * defendant in payload order (HearingEventHandler.getOrdersFromHearing), so expected document N is
 * compared with our Nth order. Listed pairs first; under a folder laid out like the shared
 * fixtures, any further scenario folder is run too (its layout read as the list's layoutNote says).
 */
export function parityCases(root: string): ParityCase[] {
  const listed = realFixtures.pairs.filter((p) => existsSync(join(root, p.dir)));
  const known = new Set(listed.map((p) => p.dir));
  const extra: EmRealPair[] = existsSync(join(root, SCENARIOS))
    ? readdirSync(join(root, SCENARIOS)).sort().map((d) => `${SCENARIOS}/${d}`)
        .filter((dir) => !known.has(dir) && existsSync(join(root, dir, realFixtures.files.input)) && expectedFiles(join(root, dir)).length > 0)
        .map((dir) => ({ dir, layout: layoutOf(expectedFiles(join(root, dir))[0]!.order) }))
    : [];
  return [...listed, ...extra].flatMap((pair) => {
    const files = expectedFiles(join(root, pair.dir));
    return files.map((file, index): ParityCase => ({
      name: files.length > 1 ? `${pairName(pair)}#${index}` : pairName(pair),
      format: 'json',
      ignorePaths: Object.keys(realFixtures.excludedKeys).map((k) => `$.${k}`),
      // CourtHearingEventListenerTest reads both sides into the FMS DeviceWearer / MonitoringOrder classes (String fields default "") and compares those.
      absentEqualsEmptyString: true,
      expected: () => ({ deviceWearer: readJson(file.wearer), order: readJson(file.order) }),
      produce: () => {
        const offloaded = pair.offloaded ?? (readJson(join(root, pair.dir, realFixtures.files.input)) instanceof Array ? { resolvesTo: `${SCENARIOS}/CCIB_bail_curfew/cp_payload.json` } : undefined);
        const input = readJson(offloaded ? join(root, offloaded.resolvesTo) : join(root, pair.dir, realFixtures.files.input));
        const out = mapFile(input, ctxFor(`msg-${pairName(pair)}`, pair.layout));
        if (!out.ok) return { ok: false, problems: out.problems.map((p) => `${p.code} ${p.path}`).join('; ') };
        const required = out.defendants.filter((d) => d.decision === 'required');
        const mine = required[index];
        if (!mine?.result?.ok) {
          const why = mine?.result && !mine.result.ok ? mine.result.problems.map((p) => `${p.code} ${p.path}`).join('; ') : out.defendants.map((d) => `${d.defendantId}: ${d.decision}`).join('; ');
          return { ok: false, problems: `no order ${index + 1} of ${files.length} (${why})` };
        }
        return { ok: true, output: { deviceWearer: mine.result.wire.deviceWearer, order: mine.result.wire.order } };
      },
    }));
  });
}
