import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { post as postSoap, readSpi, securityHeader, submitEnvelope } from '../inbound/spi-support.js';
import { type Bridge, startBridge } from '../support/bridge.js';
import { deleteRedisPrefix, uniqueName } from '../support/harness.js';
import { countRows, def, expectStillServing, inboundQuarantined, P, pc, postRaw, quarantined, result, sample, sampleEditor, settle, validPost } from './hostile-support.js';

/**
 * Issue 4 item 10 — hostile and broken input at the two doors of a whole bridge (real PostgreSQL,
 * Redis, worker, simulators): every case gets its specific stable code, is quarantined where it
 * came in (API quarantine for JSON, inbound quarantine for SOAP; door refusals — no or bad
 * credentials, replay, over-size SOAP — are audited and not stored), and a valid request sent at
 * the same time and right after is still served.
 */
describe('hostile input: platform API and inbound SOAP', () => {
  let bridge: Bridge;
  const noncePrefix = uniqueName('hostile');
  let n = 20_000;
  const next = () => n++;
  const JSON_CT = { 'content-type': 'application/json' };

  beforeAll(async () => {
    process.env.CP_BRIDGE_NONCE_PREFIX = `${noncePrefix}:nonce`;
    bridge = await startBridge();
    // Accepted inbound SPI messages create platform notifications; no platform simulator is wired
    // here, so hold that queue rather than let it retry against whatever listens on the default port.
    await bridge.worker.queues.get('platform')?.pause();
  }, 60_000);
  afterAll(async () => {
    await bridge?.close();
    await deleteRedisPrefix(noncePrefix);
  });

  afterEach(() => {
    // Whatever was sent, the prototype of every object in this process stays clean.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  const edited = sampleEditor(next);
  const R = `${P}.defendants[0].offences[0].judicialResults[0]`;
  const hugeZeros = () => gzipSync(Buffer.alloc(100 * 1024 * 1024)); // ~100 KB on the wire, 100 MB inflated

  // [case, body, headers, status, code, problem codes (PAYLOAD.INVALID), problem path]
  type ApiCase = [string, () => Buffer | string | undefined, Record<string, string>, number, string, string?, string?];
  const apiCases: ApiCase[] = [
    ['not JSON', () => '{"hearing": {', JSON_CT, 400, 'PAYLOAD.NOT_JSON'],
    ['empty body', () => '', JSON_CT, 400, 'PAYLOAD.EMPTY_BODY'],
    ['no body and no content type', () => undefined, {}, 400, 'PAYLOAD.EMPTY_BODY'],
    ['a JSON array instead of an object', () => `[${edited(() => {})}]`, JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.WRONG_TYPE', '$'],
    ['a JSON string instead of an object', () => '"hearing"', JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.WRONG_TYPE', '$'],
    ['a __proto__ key (prototype pollution)', () => edited(() => {}).replace('{', '{"__proto__":{"polluted":"yes"},'), JSON_CT, 400, 'PAYLOAD.FORBIDDEN_KEY'],
    ['a nested constructor.prototype key', () => edited((b) => (b.hearing.x = 1)).replace('"x":1', '"constructor":{"prototype":{"polluted":"yes"}}'), JSON_CT, 400, 'PAYLOAD.FORBIDDEN_KEY'],
    ['invalid UTF-8 inside a string', () => Buffer.concat([Buffer.from('{"hearing":{"id":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}')]), JSON_CT, 400, 'PAYLOAD.INVALID_UTF8'],
    ['deep JSON nesting (10,000 levels in an unknown field)', () => edited((b) => (b.hearing.x = 0)).replace('"x":0', `"x":${'['.repeat(10_000)}${']'.repeat(10_000)}`), JSON_CT, 400, 'PAYLOAD.TOO_DEEP'],
    ['an oversized body (6 MB, limit 5 MB)', () => edited((b) => (b.padding = 'x'.repeat(6 * 1024 * 1024))), JSON_CT, 413, 'HTTP.BODY_TOO_LARGE'],
    ['a gzip bomb (Content-Encoding: gzip, 100 MB of zeros)', hugeZeros, { ...JSON_CT, 'content-encoding': 'gzip' }, 415, 'HTTP.UNSUPPORTED_CONTENT_ENCODING'],
    ['wrong content type (text/plain)', () => edited(() => {}), { 'content-type': 'text/plain' }, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE'],
    ['wrong content type (form)', () => 'hearing=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE'],
    ['JSON in a non-UTF-8 charset', () => edited(() => {}), { 'content-type': 'application/json; charset=iso-8859-1' }, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE'],
    ['missing mandatory hearing.id', () => edited((b) => delete b.hearing.id), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.MISSING_FIELD', '$.hearing.id'],
    ['missing mandatory defendant offences', () => edited((b) => delete def(b).offences), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.MISSING_FIELD', `${P}.defendants[0].offences`],
    ['missing prosecution authority', () => edited((b) => delete pc(b).prosecutionCaseIdentifier.prosecutionAuthorityCode), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.MISSING_FIELD', `${P}.prosecutionCaseIdentifier.prosecutionAuthorityCode`],
    ['an over-length case URN (31)', () => edited((b) => (pc(b).prosecutionCaseIdentifier.caseURN = 'U'.repeat(31))), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.TOO_LONG', `${P}.prosecutionCaseIdentifier.caseURN`],
    ['an over-length ASN (22)', () => edited((b) => (def(b).personDefendant.arrestSummonsNumber = '2601AA0100000012345BXX')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.TOO_LONG', `${P}.defendants[0].personDefendant.arrestSummonsNumber`],
    ['result text over 2,500 characters', () => edited((b) => (result(b).resultText = 'r'.repeat(2501))), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.TOO_LONG', `${R}.resultText`],
    ['an unknown (non-numeric) CJS result code', () => edited((b) => (result(b).cjsCode = 'X999')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.BAD_CJS_CODE', `${R}.cjsCode`],
    ['a number where a string is expected', () => edited((b) => (b.hearing.id = 12345)), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.WRONG_TYPE', '$.hearing.id'],
    ['a malformed sharedTime', () => edited((b) => (b.sharedTime = 'yesterday')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.BAD_DATETIME', '$.sharedTime'],
    ['a sharedTime in month 13 (was a 500)', () => edited((b) => (b.sharedTime = '2026-13-01T10:00:00Z')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.BAD_DATETIME', '$.sharedTime'],
    ['a sharedTime at 25:61 (was a 500)', () => edited((b) => (b.sharedTime = '2026-01-01T25:61:00Z')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.BAD_DATETIME', '$.sharedTime'],
    ['a sharedTime on 30 February (was rolled into March)', () => edited((b) => (b.sharedTime = '2026-02-30T10:00:00Z')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.BAD_DATETIME', '$.sharedTime'],
    ['a date of birth on 31 April', () => edited((b) => (def(b).personDefendant.personDetails.dateOfBirth = '1990-04-31')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.BAD_DATE', `${P}.defendants[0].personDefendant.personDetails.dateOfBirth`],
    // Issue 22 item 6: each of these was a 500, or was stored other than as sent.
    ['a NUL character in a name (\\u0000)', () => edited((b) => (def(b).personDefendant.personDetails.lastName = 'Smi\u0000th')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.NUL_CHARACTER', `${P}.defendants[0].personDefendant.personDetails.lastName`],
    ['a lone surrogate in a name (\\ud800)', () => edited((b) => (def(b).personDefendant.personDetails.firstName = 'Jo\ud800')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.LONE_SURROGATE', `${P}.defendants[0].personDefendant.personDetails.firstName`],
    ['a number beyond a double (1e999 → Infinity)', () => edited((b) => (b.hearing.x = 0)).replace('"x":0', '"x":1e999'), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.NUMBER_OUT_OF_RANGE', '$.hearing.x'],
    ['an integer past 2^53 (rounded by JSON.parse)', () => edited((b) => (result(b).x = 0)).replace('"x":0', '"x":12345678901234567890'), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.NUMBER_OUT_OF_RANGE', `${R}.x`],
    ['a duplicate key (the last would silently win)', () => edited(() => {}).replace('"hearing":{', '"hearing":{"jurisdictionType":"MAGISTRATES",'), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.DUPLICATE_KEY', '$.hearing.jurisdictionType'],
    ['an over-long string in an unknown field (10,001)', () => edited((b) => (b.hearing.note = 'n'.repeat(10_001))), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.TOO_LONG', '$.hearing.note'],
    ['a hearing id that is not a UUID', () => edited((b) => (b.hearing.id = 'HEARING-0001')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.BAD_UUID', '$.hearing.id'],
    ['an X-Event-Id too long to be a key (3,200 random characters)', () => edited(() => {}), { ...JSON_CT, 'x-event-id': randomBytes(2400).toString('base64') }, 400, 'EVENT.BAD_ID', 'EVENT.BAD_ID', 'header:x-event-id'],
    ['an X-Event-Id with a tab in it', () => edited(() => {}), { ...JSON_CT, 'x-event-id': 'cp\tevent' }, 400, 'EVENT.BAD_ID', 'EVENT.BAD_ID', 'header:x-event-id'],
    ['one defendant id twice in a case, differently (was a 500 for the whole group commit)', () => edited((b) => pc(b).defendants.push({ ...structuredClone(def(b)), pncId: '2001/0000001X' })), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.DUPLICATE_ID', `${P}.defendants[1].id`],
    ['one case id twice in a hearing, differently', () => edited((b) => b.hearing.prosecutionCases.push({ ...structuredClone(pc(b)), defendants: [] })), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.DUPLICATE_ID', '$.hearing.prosecutionCases[1].id'],
    ['a defendant id that is not a UUID', () => edited((b) => (def(b).id = '1234')), JSON_CT, 400, 'PAYLOAD.INVALID', 'PAYLOAD.BAD_UUID', `${P}.defendants[0].id`],
  ];

  const apiRows = apiCases.map(([name, body, headers, status, code, problemCode, path]) => ({ name, body, headers, status, code, problemCode: problemCode ?? null, path: path ?? null }));
  it.each(apiRows)('API: $name → $status $code, quarantined with its bytes, others still served', async ({ body, headers, status, code, problemCode, path }) => {
    const bytes = body();
    const [r, concurrent] = await Promise.all([postRaw(bridge, bytes, headers), validPost(bridge)]);
    expect([r.status, r.json.code]).toEqual([status, code]);
    if (problemCode) expect(r.json.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: problemCode, path })]));
    expect(r.json.quarantineId).toEqual(expect.any(String));
    const q = await quarantined(bridge, r.json.quarantineId);
    expect(q).toMatchObject({ endpoint: '/v1/hearing-results', sender: 'platform-dev', layer: 'json-api', code, status: 'quarantined' });
    if (problemCode) expect(q.problems.map((p) => p.code)).toContain(problemCode);
    const sent = bytes === undefined ? Buffer.alloc(0) : Buffer.from(bytes);
    // An over-size body is not read past the limit: only its first 64 KiB are kept.
    expect(q.raw.equals(status === 413 ? sent.subarray(0, 64 * 1024) : sent)).toBe(true);
    await expectStillServing(bridge, concurrent);
  });

  it.each([
    ['no key', {}, 'AUTH.MISSING'],
    ['a wrong key', { authorization: 'Bearer not-a-key' }, 'AUTH.INVALID'],
    ['a wrong X-API-Key and a hostile body (never parsed)', { 'x-api-key': 'guess' }, 'AUTH.INVALID'],
  ])('API: %s → 401 %s, audited, not quarantined', async (name, headers, code) => {
    const body = name.includes('hostile') ? '{"__proto__":{"polluted":1}' : edited(() => {});
    const before = await Promise.all([
      countRows(bridge.schema, 'select count(*) n from quarantine'),
      countRows(bridge.schema, `select count(*) n from audit_log where action = 'api.rejected' and detail->>'code' = $1`, [code]),
      countRows(bridge.schema, 'select count(*) n from events'),
    ]);
    const r = await postRaw(bridge, body, { 'content-type': 'application/json', ...headers }, false);
    expect([r.status, r.json.code]).toEqual([401, code]);
    expect(await countRows(bridge.schema, 'select count(*) n from quarantine')).toBe(before[0]);
    expect(await countRows(bridge.schema, `select count(*) n from audit_log where action = 'api.rejected' and detail->>'code' = $1`, [code])).toBe(before[1] + 1);
    expect(await countRows(bridge.schema, 'select count(*) n from events')).toBe(before[2]);
    await expectStillServing(bridge);
  });

  it('API: a duplicate event (sequentially and concurrently) → the same ids, created once', async () => {
    const body = variant(sample('001'), next());
    const first = await bridge.post(body);
    expect([first.status, first.json.created]).toEqual([202, true]);
    const again = await Promise.all([1, 2, 3, 4].map(() => bridge.post(body)));
    for (const r of again) {
      expect([r.status, r.json.created, r.json.eventId]).toEqual([202, false, first.json.eventId]);
      expect(r.json.notifications.map((x: { id: string }) => x.id)).toEqual(first.json.notifications.map((x: { id: string }) => x.id));
    }
    expect(await countRows(bridge.schema, 'select count(*) n from notifications where event_id = $1', [first.json.eventId])).toBe(first.json.notifications.length);
    await expectStillServing(bridge);
  });

  it('API: out-of-order events (the later sharedTime arrives first) → both recorded, delivered per case in arrival sequence', async () => {
    const earlier = variant(sample('002'), next());
    const later = { ...structuredClone(earlier), sharedTime: new Date(Date.parse(earlier.sharedTime as string) + 3_600_000).toISOString() };
    const b = await bridge.post(later);
    const a = await bridge.post(earlier);
    expect([a.status, a.json.created, b.status, b.json.created]).toEqual([202, true, 202, true]);
    expect(a.json.eventId).not.toBe(b.json.eventId);
    const viewsB = await Promise.all(b.json.notifications.map((x: { id: string }) => settle(bridge, x.id, ['acknowledged'])));
    const viewsA = await Promise.all(a.json.notifications.map((x: { id: string }) => settle(bridge, x.id, ['acknowledged'])));
    // The police simulator's arrival counter: the earlier-sequenced notification reached it first.
    const seqOf = async (messageId: string) => {
      const r = (await (await fetch(`${bridge.simBase}/_sim/police/received?messageId=${messageId}&limit=10`)).json()) as { items: { seq: number; valid: boolean }[] };
      return Math.min(...r.items.filter((x) => x.valid).map((x) => x.seq));
    };
    expect(viewsA.length).toBe(viewsB.length);
    const policeB = viewsB.filter((v) => v.partner === 'police');
    expect(policeB.length).toBeGreaterThanOrEqual(2);
    for (const vb of policeB) {
      const va = viewsA.find((v) => v.orderKey === vb.orderKey);
      expect(va).toBeDefined();
      expect(Number(vb.sequence)).toBeLessThan(Number(va.sequence)); // arrival order, not sharedTime order
      const [sb, sa] = [await seqOf(vb.messageId), await seqOf(va.messageId)];
      expect(Number.isFinite(sb) && Number.isFinite(sa)).toBe(true);
      expect(sb).toBeLessThan(sa);
    }
    await expectStillServing(bridge);
  }, 60_000);

  // ---- inbound SOAP (/inbound/spi/v1) ----
  let m = 0;
  const fresh = (opts: { header?: string; envNs?: string } = {}) =>
    submitEnvelope(readSpi('SingleDefendantSingeOffence.xml').replace('CORRELATION_ID', `HOSTILE-${++m}-${noncePrefix}`), opts);
  const noDecl = (x: string) => x.replace(/^<\?xml[^>]*\?>/, '');
  const inHeader = (extra: string) => fresh().replace('<soap:Header>', `<soap:Header>${extra}`);
  const soapStillServes = async () => expect((await postSoap(bridge.base, fresh())).responseCode).toBe(1);
  /** Exact bytes to the SOAP endpoint; a header given as null is not sent at all. */
  const postBytes = async (body: Buffer | string, extra: Record<string, string | null>) => {
    const all: Record<string, string | null> = { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://schemas.cjse.gov.uk/endpoint/wsdl/submit"', ...extra };
    const headers = Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== null));
    const res = await fetch(`${bridge.base}/inbound/spi/v1`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, faultCode: /<faultcode>([^<]+)/.exec(text)?.[1], code: /<cpb:code>([^<]+)/.exec(text)?.[1] };
  };

  // [case, body, extra headers, SOAP faultcode, stable code]
  type SoapCase = [string, () => Buffer | string, Record<string, string | null>, string, string];
  const soapCases: SoapCase[] = [
    ['XXE (external entity)', () => '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + noDecl(fresh()).replace('Z00CJSE', '&x;'), {}, 'soap:Client', 'XML.DOCTYPE_FORBIDDEN'],
    ['entity expansion (billion laughs)', () => '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' + noDecl(fresh()).replace('Z00CJSE', '&c;'), {}, 'soap:Client', 'XML.DOCTYPE_FORBIDDEN'],
    ['any DOCTYPE (internal subset only)', () => '<!DOCTYPE soap:Envelope []>' + noDecl(fresh()), {}, 'soap:Client', 'XML.DOCTYPE_FORBIDDEN'],
    ['deep XML nesting', () => inHeader('<d>'.repeat(500) + '</d>'.repeat(500)), {}, 'soap:Client', 'XML.TOO_DEEP'],
    ['too many elements', () => inHeader('<e/>'.repeat(20_001)), {}, 'soap:Client', 'XML.TOO_MANY_ELEMENTS'],
    ['invalid UTF-8 in an identifier', () => Buffer.concat([Buffer.from(fresh().split('Z00CJSE')[0]!), Buffer.from([0x5a, 0xff, 0xfe]), Buffer.from('</t:SourceID>' + fresh().split('Z00CJSE</t:SourceID>')[1]!)]), {}, 'soap:Client', 'XML.INVALID_UTF8'],
    ['a gzip bomb (Content-Encoding: gzip, never inflated)', () => gzipSync(Buffer.from(fresh() + ' '.repeat(100 * 1024 * 1024))), { 'content-encoding': 'gzip' }, 'soap:Client', 'XML.INVALID_UTF8'],
    ['not well-formed XML', () => '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>', {}, 'soap:Client', 'XML.NOT_WELL_FORMED'],
    ['__proto__ and constructor element names', () => inHeader('<__proto__><polluted>yes</polluted></__proto__><constructor><prototype>x</prototype></constructor>'), {}, 'soap:Client', 'XML.FORBIDDEN_NAME'],
    ['wrong operation namespace', () => fresh().replace('http://schemas.cjse.gov.uk/endpoint/types/', 'http://example.org/other/'), {}, 'soap:Client', 'SOAP.UNKNOWN_OPERATION'],
    ['wrong envelope namespace', () => fresh().replace('http://schemas.xmlsoap.org/soap/envelope/', 'urn:not-soap'), {}, 'soap:Client', 'SOAP.NOT_ENVELOPE'],
    ['wrong SOAPAction', () => fresh(), { soapaction: '"http://schemas.cjse.gov.uk/endpoint/wsdl/retrieve"' }, 'soap:Client', 'SOAP.WRONG_ACTION'],
    ['no SOAPAction header', () => fresh(), { soapaction: null }, 'soap:Client', 'SOAP.ACTION_MISSING'],
    ['SOAP 1.2 envelope and content type', () => fresh({ envNs: 'http://www.w3.org/2003/05/soap-envelope' }), { 'content-type': 'application/soap+xml; charset=utf-8' }, 'soap:VersionMismatch', 'SOAP.VERSION_MISMATCH'],
    ['SOAP 1.1 envelope sent as SOAP 1.2', () => fresh(), { 'content-type': 'application/soap+xml; charset=utf-8' }, 'soap:VersionMismatch', 'SOAP.VERSION_MISMATCH'],
    ['SOAP 1.2 envelope sent as SOAP 1.1', () => fresh({ envNs: 'http://www.w3.org/2003/05/soap-envelope' }), {}, 'soap:VersionMismatch', 'SOAP.VERSION_MISMATCH'],
  ];

  const soapRows = soapCases.map(([name, body, headers, faultCode, code]) => ({ name, body, headers, faultCode, code }));
  it.each(soapRows)('SOAP: $name → $faultCode $code, in the inbound quarantine, others still served', async ({ body, headers, faultCode, code }) => {
    const bytes = body();
    const [r] = await Promise.all([postBytes(bytes, headers), soapStillServes(), expectStillServing(bridge)]);
    expect(r).toMatchObject({ status: 500, faultCode, code });
    const q = await inboundQuarantined(bridge, code, bytes);
    expect(q).toMatchObject({ endpoint: '/inbound/spi/v1', layer: 'envelope', code, status: 'quarantined' });
    expect(q.raw.equals(Buffer.from(bytes))).toBe(true); // what came in, byte for byte (a gzip body stays compressed)
    await soapStillServes();
  });

  it('SOAP: missing mandatory SubmitRequestMes fields (RequestID) → CJSE 306, quarantined', async () => {
    const body = fresh().replace(/<t:RequestID>[^<]*<\/t:RequestID>/, '');
    const r = await postSoap(bridge.base, body);
    expect([r.status, r.responseCode]).toEqual([200, 306]);
    expect(await inboundQuarantined(bridge, 'CJSE.InvalidRequestID', body)).toMatchObject({ endpoint: '/inbound/spi/v1', layer: 'envelope', sender: 'cjse-police' });
    await soapStillServes();
  });

  it('SOAP: a duplicate message (same CorrelationID, fresh nonce) → CJSE 302 PreviouslySent, quarantined', async () => {
    const routeData = readSpi('SingleDefendantSingeOffence.xml').replace('CORRELATION_ID', `HOSTILE-DUP-${noncePrefix}`);
    expect((await postSoap(bridge.base, submitEnvelope(routeData))).responseCode).toBe(1);
    const again = submitEnvelope(routeData);
    const r = await postSoap(bridge.base, again);
    expect(r.responseCode).toBe(302);
    expect(await inboundQuarantined(bridge, 'CJSE.PreviouslySent', again)).toMatchObject({ layer: 'ledger', sender: 'cjse-police' });
    await soapStillServes();
  });

  // Refused at the door: nothing is read into the ledger or the quarantine from an unauthenticated
  // or over-size sender; the refusal is audited with who/where/why.
  it.each([
    ['a replayed WS-Security nonce', 'AUTH.REPLAYED', 'wsse:FailedAuthentication'],
    ['a wrong password', 'AUTH.INVALID', 'wsse:FailedAuthentication'],
    ['an over-size body (> 1 MB)', 'XML.TOO_LARGE', 'soap:Client'],
  ])('SOAP: %s → %s, audited, not quarantined', async (_name, code, faultCode) => {
    let body: string;
    if (code === 'AUTH.REPLAYED') {
      const header = securityHeader();
      expect((await postSoap(bridge.base, fresh({ header }))).responseCode).toBe(1);
      body = fresh({ header });
    } else if (code === 'AUTH.INVALID') body = fresh({ header: securityHeader({ password: 'guess' }) });
    else body = fresh().replace('<soap:Body>', `<soap:Body><!--${'x'.repeat(1_100_000)}-->`);
    const audits = () => countRows(bridge.schema, `select count(*) n from audit_log where action = 'inbound.rejected' and detail->>'code' = $1`, [code]);
    const [quarantinedBefore, auditsBefore] = [await countRows(bridge.schema, 'select count(*) n from quarantine'), await audits()];
    const r = await postSoap(bridge.base, body);
    expect(r).toMatchObject({ status: 500, faultCode, code });
    expect(await countRows(bridge.schema, 'select count(*) n from quarantine')).toBe(quarantinedBefore);
    expect(await audits()).toBe(auditsBefore + 1);
    await soapStillServes();
    await expectStillServing(bridge);
  });

  it('the service kept serving throughout: health answers and every valid event posted here was recorded', async () => {
    expect((await fetch(`${bridge.base}/health`)).status).toBe(200);
    const r = await validPost(bridge);
    const ids = r.json.notifications.map((x: { id: string }) => x.id);
    for (const id of ids) await settle(bridge, id, ['acknowledged']);
    const listed = (await bridge.api('/v1/quarantine?sender=platform-dev&limit=1000')).json.items as { endpoint: string; layer: string }[];
    expect(listed.length).toBeGreaterThanOrEqual(apiCases.length);
    expect(listed.every((i) => i.endpoint === '/v1/hearing-results' && i.layer === 'json-api')).toBe(true);
  });
});
