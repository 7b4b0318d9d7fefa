import { variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { type Bridge, startBridge } from '../support/bridge.js';
import { countRows, def, expectStillServing, P, pc, postRaw, quarantined, result, sample, sampleEditor } from './hostile-support.js';

/**
 * Issue 22 items 5 and 6 at the platform door of a whole bridge: one body with several kinds of bad
 * input gets one 400 listing them all; a resend is the same event whatever its layout; the same
 * event key with another body is refused (409) and kept in quarantine (ADR 0012). The per-class
 * 400 cases are rows of hostile-input.spec.ts.
 */
describe('hostile input: event identity and many problems at once', () => {
  let bridge: Bridge;
  let n = 40_000;
  const next = () => n++;
  const JSON_CT = { 'content-type': 'application/json' };

  beforeAll(async () => {
    bridge = await startBridge();
  }, 60_000);
  afterAll(async () => {
    await bridge?.close();
  });

  const edited = sampleEditor(next);

  it('API: several kinds of bad input in one body → one 400 listing every problem with its path, nothing stored', async () => {
    const text = edited((b) => {
      b.hearing.id = 'not-a-uuid';
      b.hearing.x = 0;
      def(b).personDefendant.personDetails.lastName = '\u0000';
      delete def(b).offences;
    })
      .replace('"x":0', '"x":-1e999')
      .replace('"hearing":{', '"hearing":{"courtCentre":{},');
    const events = await countRows(bridge.schema, 'select count(*) n from events');
    const r = await postRaw(bridge, text, JSON_CT);
    expect([r.status, r.json.code]).toEqual([400, 'PAYLOAD.INVALID']);
    expect(r.json.problems.map((p: { code: string; path: string }) => [p.code, p.path]).sort()).toEqual(
      [
        ['PAYLOAD.DUPLICATE_KEY', '$.hearing.courtCentre'],
        ['PAYLOAD.NUMBER_OUT_OF_RANGE', '$.hearing.x'],
        ['PAYLOAD.NUL_CHARACTER', `${P}.defendants[0].personDefendant.personDetails.lastName`],
        ['PAYLOAD.BAD_UUID', '$.hearing.id'],
        ['PAYLOAD.MISSING_FIELD', `${P}.defendants[0].offences`],
      ].sort(),
    );
    expect((await quarantined(bridge, r.json.quarantineId)).raw.toString('utf8')).toBe(text);
    expect(await countRows(bridge.schema, 'select count(*) n from events')).toBe(events);
  });

  it('API: a case and a defendant repeated exactly → 202, each obligation owed once', async () => {
    const body = variant(sample('001'), next());
    const single = await bridge.post(body);
    const repeated = variant(sample('001'), next());
    pc(repeated).defendants.push(structuredClone(def(repeated)));
    repeated.hearing.prosecutionCases.push(structuredClone(pc(repeated)));
    const r = await postRaw(bridge, JSON.stringify(repeated), JSON_CT);
    expect([r.status, r.json.created]).toEqual([202, true]);
    expect(r.json.notifications.map((x: { partner: string }) => x.partner).sort()).toEqual(single.json.notifications.map((x: { partner: string }) => x.partner).sort());
  });

  it('API: a resend in another key order and layout → 202 created: false with the same ids', async () => {
    const body = variant(sample('001'), next());
    const first = await bridge.post(body);
    const reordered = { hearing: body.hearing, sharedTime: body.sharedTime, ...Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'hearing' && k !== 'sharedTime')) };
    const r = await postRaw(bridge, `  ${JSON.stringify(reordered, null, 3)}\n`, JSON_CT);
    expect([r.status, r.json.created, r.json.eventId]).toEqual([202, false, first.json.eventId]);
    expect(r.json.notifications.map((x: { id: string }) => x.id)).toEqual(first.json.notifications.map((x: { id: string }) => x.id));
  });

  it.each([
    ['hearing id + sharedTime', false],
    ['the Event-Id header', true],
  ])('API: the same event key (%s) with a different body → 409 EVENT.CONFLICT with the stored id and both hashes, kept in quarantine', async (_name, header) => {
    const body = variant(sample('001'), next());
    const headers = header ? { ...JSON_CT, 'x-event-id': `cp-event-${next()}` } : JSON_CT;
    const first = await postRaw(bridge, JSON.stringify(body), headers);
    expect([first.status, first.json.created]).toEqual([202, true]);
    const changed = structuredClone(body);
    result(changed).resultText = `${String(result(changed).resultText ?? '')} (amended without a new sharedTime)`;
    const text = JSON.stringify(changed);
    const events = await countRows(bridge.schema, 'select count(*) n from events');
    const r = await postRaw(bridge, text, headers);
    expect([r.status, r.json.code, r.json.eventId]).toEqual([409, 'EVENT.CONFLICT', first.json.eventId]);
    expect(r.json.storedBodyHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.json.receivedBodyHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.json.receivedBodyHash).not.toBe(r.json.storedBodyHash);
    expect(await countRows(bridge.schema, 'select count(*) n from events')).toBe(events);
    const q = await quarantined(bridge, r.json.quarantineId);
    expect(q).toMatchObject({ endpoint: '/v1/hearing-results', layer: 'json-api', code: 'EVENT.CONFLICT', status: 'quarantined' });
    expect(q.problems[0]).toMatchObject({ code: 'EVENT.CONFLICT', path: '$' });
    expect(q.problems[0]!.message).toContain(r.json.receivedBodyHash);
    expect(q.raw.toString('utf8')).toBe(text);
    // The stored event is untouched: the original body resent is still a plain duplicate.
    const again = await postRaw(bridge, JSON.stringify(body), headers);
    expect([again.status, again.json.created, again.json.eventId]).toEqual([202, false, first.json.eventId]);
    await expectStillServing(bridge);
  });
});
