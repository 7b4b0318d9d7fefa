import { variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { sample, countRows, settle } from '../hostile/hostile-support.js';
import { type Bridge, startBridge } from '../support/bridge.js';

/**
 * Issue 22 item 5 over a whole bridge (real PostgreSQL, Redis, worker, simulators): a later share
 * of a hearing supersedes the one before it; each partner gets a new message only where what its
 * contract maps changed, and a recorded "no change" decision otherwise (ADR 0012).
 */
describe('amendments: a later share of the same hearing (e2e)', () => {
  let bridge: Bridge;
  let n = 70_000;

  beforeAll(async () => {
    bridge = await startBridge();
  }, 60_000);
  afterAll(async () => {
    await bridge?.close();
  });

  /** Sample 001 (police + electronic monitoring for one defendant), fresh ids, shared at `at`. */
  const curfewCase = () => variant(sample('001'), n++);
  const later = (body: Record<string, any>, minutes: number, edit: (b: Record<string, any>) => void = () => {}) => {
    const b = structuredClone(body);
    b.sharedTime = new Date(Date.parse(body.sharedTime as string) + minutes * 60_000).toISOString();
    edit(b);
    return b;
  };
  const defendant = (b: Record<string, any>) => b.hearing.prosecutionCases[0].defendants[0];
  const byPartner = (json: any, partner: string) => json.notifications.find((x: { partner: string }) => x.partner === partner);
  const decisionsOf = (eventId: string) => countRows(bridge.schema, 'select count(*) n from amendment_decisions where event_id = $1', [eventId]);

  it('re-shared with nothing changed → 202 created, linked to the first share, no notification, a "no change" decision per partner', async () => {
    const first = curfewCase();
    const a = await bridge.post(first);
    expect(a.status).toBe(202);
    const b = await bridge.post(later(first, 30));
    expect([b.status, b.json.created, b.json.supersedesEventId, b.json.notifications]).toEqual([202, true, a.json.eventId, []]);
    expect(b.json.unchanged.map((u: { partner: string }) => u.partner).sort()).toEqual(['electronic-monitoring', 'police']);
    expect(b.json.unchanged[0].reason).toContain(a.json.eventId);
    expect(await countRows(bridge.schema, 'select count(*) n from notifications where event_id = $1', [b.json.eventId])).toBe(0);
    expect(await decisionsOf(b.json.eventId)).toBe(2);
    expect(await countRows(bridge.schema, 'select count(*) n from events where id = $1 and supersedes_event_id = $2', [b.json.eventId, a.json.eventId])).toBe(1);
    // The first share's notifications are still owed and delivered as before.
    for (const x of a.json.notifications) await settle(bridge, x.id, ['acknowledged']);
  }, 60_000);

  it('an amendment police reads (the ASN) → police gets the new ResultedCaseMessage; electronic monitoring, whose order did not change, gets nothing', async () => {
    const first = curfewCase();
    const a = await bridge.post(first);
    const asn = '2601AA0100000099999Z';
    const b = await bridge.post(later(first, 45, (x) => (defendant(x).personDefendant.arrestSummonsNumber = asn)));
    expect([b.status, b.json.created, b.json.supersedesEventId]).toEqual([202, true, a.json.eventId]);
    expect(b.json.notifications.map((x: { partner: string }) => x.partner)).toEqual(['police']);
    expect(b.json.unchanged).toEqual([expect.objectContaining({ partner: 'electronic-monitoring', contract: 'electronic-monitoring@v1' })]);
    const police = await settle(bridge, byPartner(b.json, 'police').id, ['acknowledged']);
    const original = await settle(bridge, byPartner(a.json, 'police').id, ['acknowledged']);
    expect(police.orderKey).toBe(original.orderKey);
    expect(Number(police.sequence)).toBeGreaterThan(Number(original.sequence));
    const received = (await (await fetch(`${bridge.simBase}/_sim/police/received?messageId=${police.messageId}&limit=5`)).json()) as { items: { raw: string; valid: boolean }[] };
    expect(received.items.some((m) => m.valid && m.raw.includes(asn))).toBe(true);
  }, 60_000);

  it('an amendment of the curfew hours → electronic monitoring gets a new message; police, whose message carries no curfew prompt (the result text is unchanged here), gets nothing', async () => {
    const first = curfewCase();
    const a = await bridge.post(first);
    const b = await bridge.post(
      later(first, 60, (x) => {
        const curfew = defendant(x).offences[0].judicialResults[0].judicialResultPrompts.find((p: { label: string }) => p.label === 'Curfew');
        curfew.value = curfew.value.replace('20:00', '19:00');
      }),
    );
    expect([b.status, b.json.supersedesEventId]).toEqual([202, a.json.eventId]);
    expect(b.json.notifications.map((x: { partner: string }) => x.partner)).toEqual(['electronic-monitoring']);
    expect(b.json.unchanged).toEqual([expect.objectContaining({ partner: 'police' })]);
    const em = await settle(bridge, b.json.notifications[0].id, ['acknowledged']);
    const received = (await (await fetch(`${bridge.simBase}/_sim/electronic-monitoring/received?messageId=${em.messageId}&limit=5`)).json()) as { items: { raw: string; valid: boolean }[] };
    // The contractor already holds the first share's order: the change goes as a variation of it.
    const sentOrder = received.items.map((m) => JSON.parse(m.raw) as { order: Record<string, string> }).find((m) => m.order.curfew_description.includes('19:00'));
    expect(sentOrder?.order).toMatchObject({ order_request_type: 'Variation', order_variation_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} 00:00:00$/) });
    expect(em.amendsEventId).toBe(a.json.eventId);
  }, 60_000);

  it('a chain: the third share is compared with the second (which owed nothing), and a resend of an amendment is a plain duplicate', async () => {
    const first = curfewCase();
    const a = await bridge.post(first);
    const second = later(first, 10);
    const b = await bridge.post(second);
    const third = later(first, 20, (x) => (defendant(x).personDefendant.personDetails.lastName = 'Amended'));
    const c = await bridge.post(third);
    expect([b.json.supersedesEventId, c.json.supersedesEventId]).toEqual([a.json.eventId, b.json.eventId]);
    expect(c.json.notifications.map((x: { partner: string }) => x.partner).sort()).toEqual(['electronic-monitoring', 'police']);
    const again = await bridge.post(third);
    expect([again.status, again.json.created, again.json.eventId]).toEqual([202, false, c.json.eventId]);
    expect(again.json.notifications.map((x: { id: string }) => x.id)).toEqual(c.json.notifications.map((x: { id: string }) => x.id));
  }, 60_000);
});
