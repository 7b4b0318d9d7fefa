import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { projectRoot } from '../../libs/contracts-kit/src/paths.js';
import { startBridge, type Bridge } from '../support/bridge.js';
import { waitUntil } from '../support/harness.js';

type Json = Record<string, any>;
const sample = (name: string) => JSON.parse(readFileSync(join(projectRoot, 'test/samples', name), 'utf8')) as Json;

/** Issue 5 item 7: one running bridge, police force 04 pinned to police-results@v2, every other force on v1. */
describe('two versions of one contract live at once', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    // The routes of config/partners.json as shipped (copied by startBridge).
    const shipped = JSON.parse(readFileSync(join(projectRoot, 'config/partners.json'), 'utf8')) as { partners: Json };
    expect(shipped.partners.police.routes).toEqual([expect.objectContaining({ key: '04', contract: 'police-results@v2' })]);
    bridge = await startBridge();
  });
  afterAll(async () => {
    await bridge?.close();
  });

  it('delivers police-results@v2 for City of London (force 04) and @v1 for Derbyshire (force 03), both acknowledged', async () => {
    const city = variant(sample('001-city-police-bail-curfew.json'), 9001);
    city.hearing.prosecutionCases[0].defendants[0].personDefendant.personDetails.nationalityCode = 'GBR';
    const [a, b] = await Promise.all([bridge.post(city), bridge.post(variant(sample('002-derbyshire-two-defendants.json'), 9002))]);
    const police = (r: { json: Json }) => (r.json.notifications as Json[]).filter((n) => n.partner === 'police');
    expect(police(a).map((n) => n.contract)).toEqual(['police-results@v2']);
    expect(police(b).map((n) => n.contract)).toEqual(['police-results@v1', 'police-results@v1']);

    const settled = await Promise.all(
      [...police(a), ...police(b)].map((n) =>
        waitUntil(async () => {
          const got = await bridge.notification(n.id);
          return ['acknowledged', 'parked'].includes(got.status) ? got : undefined;
        }, 30_000, `notification ${n.id}`),
      ),
    );
    for (const n of settled) {
      expect(n.status).toBe('acknowledged');
      expect(n.ackRef).toBeTruthy();
    }
    expect(settled.map((n) => n.contract)).toEqual(['police-results@v2', 'police-results@v1', 'police-results@v1']);

    // The CJSE simulator (XSD-validating) holds valid messages of both versions: only v2's carries the nationality.
    const received = (await (await fetch(`${bridge.simBase}/_sim/police/received?limit=50`)).json()) as { items: Json[] };
    const byId = (id: string) => received.items.filter((m) => m.messageId === id);
    const v2 = byId(settled[0].id);
    expect(v2.length).toBeGreaterThan(0);
    expect(v2.every((m) => m.valid)).toBe(true);
    expect(JSON.stringify(v2)).toMatch(/PersonStatedNationality/);
    for (const n of settled.slice(1)) {
      expect(byId(n.id).every((m) => m.valid)).toBe(true);
      expect(JSON.stringify(byId(n.id))).not.toMatch(/PersonStatedNationality/);
    }
  }, 90_000);
});
