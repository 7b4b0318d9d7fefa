import type { INestApplication } from '@nestjs/common';
import soap from 'soap';
import { releaseOne } from '../../apps/cli/src/commands/quarantine.command.js';
import { devAuthHeaders } from '../../apps/gateway/src/auth/api-clients.js';
import { createGatewayApp, type GatewayHandle } from '../../apps/gateway/src/gateway.app.js';
import { createSimulatorsApp } from '../../apps/simulators/src/simulators.app.js';
import { startWorker, type WorkerHandle } from '../../apps/worker/src/worker.app.js';
import { DATABASE_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName, waitUntil } from '../support/harness.js';
import { PASSWORD, post, readSpi, submitEnvelope, USER, withSecurity } from './spi-support.js';
import { simulatorUrlEnv } from '../../apps/simulators/src/simulator-urls.js';

/**
 * Police → platform over real HTTP, PostgreSQL and Redis: the real SPI fixtures submitted to
 * POST /inbound/spi/v1, answered as the CJSE does, recorded in the ledger and delivered to the
 * platform simulator by the worker; every refusal in quarantine with its raw bytes.
 */
describe('inbound SPI (police → platform) e2e', () => {
  const schema = uniqueName('inb');
  const prefix = uniqueName('inb');
  let sims: INestApplication;
  let gateway: GatewayHandle;
  let worker: WorkerHandle;
  let base: string;
  let simBase: string;

  beforeAll(async () => {
    process.env.CP_BRIDGE_NONCE_PREFIX = `${prefix}:nonce`;
    sims = await createSimulatorsApp({ logLevel: 'silent' });
    await sims.listen(0, '127.0.0.1');
    simBase = await sims.getUrl();
    Object.assign(process.env, simulatorUrlEnv(simBase));
    process.env.PLATFORM_URL = `${simBase}/platform`;
    gateway = await createGatewayApp({ databaseUrl: DATABASE_URL, schema, redisUrl: REDIS_URL, prefix });
    await gateway.app.listen(0, '127.0.0.1');
    base = await gateway.app.getUrl();
    worker = await startWorker({ databaseUrl: DATABASE_URL, schema, redisUrl: REDIS_URL, prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await gateway?.close();
    await sims?.close();
    await dropSchema(schema);
    await deleteRedisPrefix(prefix);
  });

  const api = async (path: string) => (await (await fetch(`${base}${path}`, { headers: devAuthHeaders() })).json()) as Record<string, any>;
  const quarantined = async (id: string | undefined) => api(`/v1/quarantine/${id}`);

  it('serves the real spi.wsdl with its address rewritten (SOAP 1.1 binding only)', async () => {
    const wsdl = await (await fetch(`${base}/inbound/spi/v1?wsdl`)).text();
    expect(wsdl).toContain(`location="${base}/inbound/spi/v1"`);
    expect(wsdl).toContain('soapAction="http://schemas.cjse.gov.uk/endpoint/wsdl/submit"');
    expect(wsdl).not.toContain('replace_url');
    expect((await fetch(`${base}/inbound/spi/v9?wsdl`)).status).toBe(404);
  });

  it('a node-soap client from the served WSDL submits SingleDefendantSingeOffence.xml: code 1, the platform receives the command; a re-send is 302', async () => {
    const client = await soap.createClientAsync(`${base}/inbound/spi/v1?wsdl`);
    client.setSecurity(new soap.WSSecurity(USER, PASSWORD, { passwordType: 'PasswordDigest', hasNonce: true }));
    const args = { RequestID: 'NS-1', SourceID: 'Z00CJSE', DestinationID: ['C00CommonPlatform'], ExecMode: 'ASYNCH', Timestamp: '2026-11-02T10:00:00Z', Message: readSpi('SingleDefendantSingeOffence.xml') };
    const [result] = (await client.submitAsync(args)) as [{ RequestID: string; ResponseCode: number | string; ResponseText?: string }];
    expect(Number(result.ResponseCode)).toBe(1);
    expect(result.RequestID).toBe('NS-1');

    const received = await waitUntil(async () => {
      const r = (await (await fetch(`${simBase}/_sim/platform/received?limit=10`)).json()) as { items: { raw: string; valid: boolean; reference?: string }[] };
      return r.items.find((m) => m.raw.includes('URN_NUMBER'));
    }, 20_000, 'the platform simulator to receive the command');
    expect(received.valid).toBe(true);
    const command = JSON.parse(received.raw) as { type: string; correlationId: string; prosecutionCase: { caseDetails: Record<string, unknown>; defendants: unknown[] } };
    expect(command.type).toBe('spi.new-case');
    expect(command.correlationId).toBe('CORRELATION_ID');
    expect(command.prosecutionCase.caseDetails).toMatchObject({ ptiurn: 'URN_NUMBER', policeSystemId: '00501PoliceCaseSystem', caseInitiationCode: 'C' });

    const platform = await waitUntil(async () => {
      const list = (await api('/v1/notifications?partner=platform')) as unknown as { id: string; status: string }[];
      return list.find((n) => n.status === 'acknowledged');
    }, 20_000, 'the platform notification to be acknowledged');
    expect((await api(`/v1/notifications/${platform.id}`)).ackRef).toBe(received.reference);

    const [again] = (await client.submitAsync({ ...args, RequestID: 'NS-2' })) as [{ ResponseCode: number | string; ResponseText?: string }];
    expect(Number(again.ResponseCode)).toBe(302);
    expect(again.ResponseText).toContain('PreviouslySent');
  });

  it.each([
    ['spi-in-with-namespace-prefix.xml', 'spi-in-with-namespace-prefix.xml'],
    ['mdi-errors/MDIMinimalSPIMessage.xml', 'mdi-errors/MDIMinimalSPIMessage.xml'],
  ])('accepts the real envelope %s (code 1)', async (_n, file) => {
    const r = await post(base, withSecurity(readSpi(file)));
    expect(r.responseCode).toBe(1);
  });

  it.each([
    ['mdi-errors/MDINoRequestId.xml', 306, 'CJSE.InvalidRequestID'],
    ['mdi-errors/MDINoSourceId.xml', 304, 'CJSE.WrongSource'],
    ['mdi-errors/MDINoDestinationId.xml', 305, 'CJSE.WrongDestination'],
  ])('%s → %i, quarantined with its raw bytes', async (file, code, stable) => {
    const body = withSecurity(readSpi(file));
    const r = await post(base, body);
    expect(r.status).toBe(200);
    expect(r.responseCode).toBe(code);
    const list = (await api(`/v1/quarantine?code=${stable}`)).items as { id: string; responseCode: number }[];
    expect(list.length).toBeGreaterThanOrEqual(1);
    const entry = await quarantined(list[0]!.id);
    expect(entry).toMatchObject({ layer: 'envelope', code: stable, responseCode: code, sender: USER });
    expect(Buffer.from(entry.rawBase64, 'base64').toString('utf8')).toBe(body);
  });

  it('OIValidationForMandatoryFields.xml → every OI error of OIValidationErrors.json, first code answered', async () => {
    const expected = (JSON.parse(readSpi('errors/OIValidationErrors.json')) as { errorDetail: { errorCode: number; errorDescription: string }[] }).errorDetail;
    const body = submitEnvelope(readSpi('OIValidationForMandatoryFields.xml'));
    const r = await post(base, body);
    expect(r.responseCode).toBe(expected[0]!.errorCode);
    for (const e of expected) expect(r.text).toContain(e.errorDescription);
    const [entry] = (await api('/v1/quarantine?code=CJSE.UnknownSystem')).items as { id: string }[];
    const full = await quarantined(entry!.id);
    expect(full.layer).toBe('route-data');
    expect(full.problems.map((p: { code: string }) => p.code)).toEqual(expected.map((e) => `CJSE.${e.errorDescription}`));
    expect(Buffer.from(full.rawBase64, 'base64').toString('utf8')).toBe(body);
  });

  it('OIValidationMalformedXml.xml → 1310 UnusableDataStream (MalformedXmlAsyncResponse.json), quarantined', async () => {
    expect(readSpi('errors/MalformedXmlAsyncResponse.json')).toContain('&lt;Code&gt;1310&lt;/Code&gt;');
    const r = await post(base, submitEnvelope(readSpi('OIValidationMalformedXml.xml')));
    expect(r.responseCode).toBe(1310);
    const items = (await api('/v1/quarantine?code=CJSE.UnusableDataStream')).items as { layer: string }[];
    expect(items.some((i) => i.layer === 'inner-message')).toBe(true);
  });

  const single = () => readSpi('SingleDefendantSingeOffence.xml').replace('CORRELATION_ID', `CID-${Math.random().toString(36).slice(2)}`);

  it.each([
    ['double-escaped data stream', (s: string) => s.replace(/&lt;/g, '&amp;lt;').replace(/&gt;/g, '&amp;gt;'), 1310],
    ['no offences (XSD requires one)', (s: string) => s.replace(/&lt;Offence&gt;[\s\S]*&lt;\/Offence&gt;/, ''), 1310],
    ['XSD-invalid inner message (unknown element)', (s: string) => s.replace('&lt;CaseInitiation&gt;C&lt;/CaseInitiation&gt;', '&lt;CaseInit&gt;C&lt;/CaseInit&gt;'), 1310],
    ['a DOCTYPE inside the data stream', (s: string) => s.replace('&lt;?xml version=&quot;1.0&quot; encoding=&quot;utf-8&quot;?&gt;', '&lt;!DOCTYPE x [&lt;!ENTITY e SYSTEM &quot;file:///etc/passwd&quot;&gt;]&gt;'), 1310],
    ['an unknown message type (ResultedCaseMessage)', (s: string) => s.replace(/NewCaseMessage/g, 'ResultedCaseMessage'), 1359],
    ['a disallowed DataStreamType', (s: string) => s.replace('>SPINewCase</cjseEntity:DataStreamType>', '>SPIResults</cjseEntity:DataStreamType>'), 1359],
    ['the same route source and destination', (s: string) => s.replace('<RouteDestinationSystem literalvalue="String">B00LIBRA', '<RouteDestinationSystem literalvalue="String">00501PoliceCaseSystem'), 1321],
  ])('%s → refused with its CJSE code', async (_name, edit, code) => {
    const r = await post(base, submitEnvelope(edit(single())));
    expect(r.responseCode).toBe(code);
    expect(r.text).toContain('not retryable');
  });

  it('answers protocol errors with a SOAP fault and a stable code', async () => {
    const ok = submitEnvelope(single());
    expect(await post(base, ok, { soapaction: '"http://schemas.cjse.gov.uk/endpoint/wsdl/retrieve"' })).toMatchObject({ status: 500, faultCode: 'soap:Client', code: 'SOAP.WRONG_ACTION' });
    const v12 = await post(base, submitEnvelope(single(), { envNs: 'http://www.w3.org/2003/05/soap-envelope' }), { 'content-type': 'application/soap+xml; charset=utf-8' });
    expect(v12).toMatchObject({ status: 500, faultCode: 'soap:VersionMismatch', code: 'SOAP.VERSION_MISMATCH' });
    const wrongNs = ok.replace(/http:\/\/schemas\.cjse\.gov\.uk\/endpoint\/types\//, 'http://example.org/other/');
    expect(await post(base, wrongNs)).toMatchObject({ status: 500, code: 'SOAP.UNKNOWN_OPERATION' });
    expect(await post(base, '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>')).toMatchObject({ status: 500, code: 'XML.NOT_WELL_FORMED' });
    // `ok` was authenticated once above (its nonce is now spent): a fresh one goes through.
    expect((await post(base, submitEnvelope(single()))).responseCode).toBe(1);
  });

  it('the quarantine API requires a configured key', async () => {
    const none = await fetch(`${base}/v1/quarantine`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { code: string }).code).toBe('AUTH.MISSING');
    const wrong = await fetch(`${base}/v1/quarantine`, { headers: { authorization: 'Bearer nope' } });
    expect(((await wrong.json()) as { code: string }).code).toBe('AUTH.INVALID');
    expect((await fetch(`${base}/v1/quarantine`, { headers: devAuthHeaders() })).status).toBe(200);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('cp-bridge quarantine release re-runs the stored bytes: still refused stays quarantined, a fixed cause is accepted (audited)', async () => {
    process.env.DATABASE_URL = DATABASE_URL;
    process.env.CP_BRIDGE_DB_SCHEMA = schema;
    const malformed = ((await api('/v1/quarantine?code=CJSE.UnusableDataStream')).items as { id: string; layer: string }[]).find((i) => i.layer === 'inner-message')!;
    expect(await releaseOne(malformed.id, 'jest-operator')).toBe(1);
    expect(await quarantined(malformed.id)).toMatchObject({ status: 'quarantined', releaseAttempts: 1, releaseOutcome: { responseCode: 1310 } });

    // Refused only for its SOAPAction header (the sender's fault, since fixed): the bytes themselves are good.
    const r = await post(base, submitEnvelope(single()), { soapaction: '"urn:wrong"' });
    expect(r.code).toBe('SOAP.WRONG_ACTION');
    const [wrong] = (await api('/v1/quarantine?code=SOAP.WRONG_ACTION')).items as { id: string }[];
    const id = ((await api('/v1/quarantine?code=SOAP.WRONG_ACTION&limit=1')).items as { id: string }[])[0]!.id;
    expect(wrong).toBeDefined();
    expect(await releaseOne(id, 'jest-operator')).toBe(0);
    expect(await quarantined(id)).toMatchObject({ status: 'released', releaseOutcome: { code: 'INBOUND.ACCEPTED' } });
    expect(await releaseOne(id, 'jest-operator')).toBe(1);
  });
});
