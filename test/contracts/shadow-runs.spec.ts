import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffDocuments, diffProduced } from '../../apps/worker/src/shadow/diff-documents.js';
import { variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { projectRoot } from '../../libs/contracts-kit/src/paths.js';
import { startBridge, type Bridge } from '../support/bridge.js';
import { waitUntil } from '../support/harness.js';

type Json = Record<string, any>;
const sample = (name: string) => JSON.parse(readFileSync(join(projectRoot, 'test/samples', name), 'utf8')) as Json;
/** Sample 001 with a stated nationality: the one thing police-results@v2 sends that v1 does not. */
const withNationality = (n: number) => {
  const body = variant(sample('001-city-police-bail-curfew.json'), n);
  body.hearing.prosecutionCases[0].defendants[0].personDefendant.personDetails.nationalityCode = 'GBR';
  return body;
};

describe('shadow diff (documents)', () => {
  it('reports XML differences by XPath and JSON differences by pointer', () => {
    expect(diffDocuments('<a><b>1</b></a>', '<a><b>1</b></a>')).toEqual([]);
    const [d] = diffDocuments('<a><b>1</b></a>', '<a><b>2</b></a>');
    expect(d!.path).toBe('/a/b/text()');
    expect([d!.pinned, d!.shadow]).toEqual([expect.stringContaining('1'), expect.stringContaining('2')]);
    expect(diffDocuments('{"a":{"b":1}}', '{"a":{"b":2,"c":3}}')).toEqual([
      { path: '/a/b', pinned: '1', shadow: '2' },
      { path: '/a/c', pinned: null, shadow: '3' },
    ]);
  });

  it('counts a version that cannot produce as a difference, and equal failures as none', () => {
    const ok = { ok: true as const, rendered: { document: '{"x":1}', payload: '', contentType: 'application/json' } };
    const bad = { ok: false as const, code: 'CONTRACT.X', message: 'no' };
    expect(diffProduced(ok, bad)).toEqual([{ path: '(mapping problems)', pinned: null, shadow: 'CONTRACT.X: no' }]);
    expect(diffProduced(bad, bad)).toEqual([]);
  });
});

describe('shadow runs in a running bridge (police pinned v1, shadow v2)', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    bridge = await startBridge({ partners: { police: { routes: [], shadow: 'police-results@v2' } } });
  });
  afterAll(async () => {
    await bridge?.close();
  });

  const deliver = async (body: unknown) => {
    const res = await bridge.post(body);
    expect(res.status).toBe(202);
    const police = res.json.notifications.filter((x: { partner: string }) => x.partner === 'police') as { id: string; contract: string }[];
    for (const p of police) {
      expect(p.contract).toBe('police-results@v1');
      await waitUntil(async () => ((await bridge.notification(p.id)).status === 'acknowledged' ? true : undefined), 20_000, `delivery of ${p.id}`);
    }
    return police.map((p) => p.id);
  };
  const shadowOf = (id: string) =>
    waitUntil(async () => {
      const r = await bridge.api('/v1/shadow?partner=police&last=100');
      return (r.json.results as Json[]).find((x) => x.notificationId === id);
    }, 10_000, `shadow result of ${id}`);

  it('stores and counts differences for an input that exercises the v2 change, none for ones that do not; only the pinned version is sent', async () => {
    const [changed] = await deliver(withNationality(8101));
    const [plain] = await deliver(variant(sample('001-city-police-bail-curfew.json'), 8102));
    const two = await deliver(variant(sample('002-derbyshire-two-defendants.json'), 8103));
    expect(two).toHaveLength(2);

    const diff = await shadowOf(changed!);
    expect(diff).toMatchObject({ partner: 'police', pinned: 'police-results@v1', shadow: 'police-results@v2' });
    expect(diff.differenceCount).toBeGreaterThan(0);
    expect(diff.differences).toHaveLength(diff.differenceCount);
    expect(diff.differences.some((d: Json) => d.path.startsWith('/ResultedCaseMessage/') && /PersonStatedNationality/.test(String(d.shadow)))).toBe(true);

    for (const id of [plain!, ...two]) expect(await shadowOf(id)).toMatchObject({ differenceCount: 0, differences: [] });

    const summary = (await bridge.api('/v1/shadow?partner=police&shadow=police-results@v2&last=10')).json;
    expect(summary).toMatchObject({ examined: 4, withDifferences: 1, differenceCount: diff.differenceCount });

    // What the partner received is v1: no nationality element in any delivered document.
    const received = (await (await fetch(`${bridge.simBase}/_sim/police/received?limit=50`)).json()) as { items: Json[] };
    expect(received.items.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(received.items)).not.toMatch(/PersonStatedNationality/);
  }, 90_000);
});
