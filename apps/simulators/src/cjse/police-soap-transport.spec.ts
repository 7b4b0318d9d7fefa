import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, type Server } from 'node:net';
import { SoapTransport } from '../../../../libs/soap/src/soap.transport.js';
import { createSimulatorsApp } from '../simulators.app.js';
import { fixture, MALFORMED_OI_PAYLOAD, submitRequestMes, VALID_OI_PAYLOAD, validSubmitEnvelope } from './cjse-sample-messages.js';
import { buildSoap11Envelope } from '../../../../libs/soap/src/soap11-envelope.js';

type AdminJson = Record<string, number> & { items: Array<Record<string, unknown> & { raw: string }>; statusCode: number };

/** SoapTransport against the CJSE simulator over real HTTP: one test per outcome class. */
describe('SoapTransport ⇄ CJSE simulator', () => {
  let app: NestFastifyApplication;
  let base: string;
  let transport: SoapTransport;
  let n = 0;
  const id = () => `req-${process.pid}-${++n}`;
  const send = (messageId: string, payload = validSubmitEnvelope(messageId)) =>
    transport.send({ payload, contentType: 'text/xml; charset=utf-8', action: 'http://schemas.cjse.gov.uk/endpoint/wsdl/submit', messageId });
  // Loosely typed on purpose: each test reads the few fields it checks from the admin API's JSON.
  const admin = async <T = AdminJson>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${base}/_sim/police${path}`, init);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const faults = (f: unknown) => admin('/faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) });

  beforeAll(async () => {
    app = await createSimulatorsApp({ logLevel: 'silent' });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    transport = new SoapTransport({ url: `${base}/cjse/spi`, timeoutMs: 1500, connections: 4 });
  });
  afterAll(async () => {
    await transport.close();
    await app.close();
  });
  afterEach(async () => {
    await admin('/faults', { method: 'DELETE' });
  });

  it('success: ResponseCode 1 → ackRef = RequestID, recorded once with the raw body', async () => {
    const m = id();
    expect(await send(m)).toEqual({ kind: 'success', ackRef: m, detail: 'CJSE ResponseCode 1 Success' });
    const held = await admin(`/received?messageId=${m}`);
    expect(held.items).toHaveLength(1);
    expect(held.items[0]).toMatchObject({ messageId: m, valid: true, problems: [], reference: m });
    expect(held.items[0].raw).toContain('SubmitRequestMes');
  });

  it('dedupes by message id: a resend is answered with success and the same reference, recorded once', async () => {
    const m = id();
    const before = await admin('/stats');
    await send(m);
    expect(await send(m)).toMatchObject({ kind: 'success', ackRef: m });
    const after = await admin('/stats');
    expect(after.unique - before.unique).toBe(1);
    expect(after.duplicates - before.duplicates).toBe(1);
    expect(after.received - before.received).toBe(2);
    expect((await admin(`/received?messageId=${m}`)).items).toHaveLength(1);
  });

  it('dedupes on wsa:MessageID when the sender adds it', async () => {
    const m = id();
    await send(m, validSubmitEnvelope(m, true));
    const other = buildSoap11Envelope(submitRequestMes(fixture(VALID_OI_PAYLOAD), 'different-request-id'), { messageId: m });
    expect(await send(m, other)).toMatchObject({ kind: 'success', ackRef: m });
  });

  it('business rejection: an unusable data stream (real malformed OI payload) → CJSE.RESPONSE_1310, counted invalid', async () => {
    const before = await admin('/stats');
    const m = id();
    const out = await send(m, buildSoap11Envelope(submitRequestMes(fixture(MALFORMED_OI_PAYLOAD), m)));
    expect(out).toMatchObject({ kind: 'business', code: 'CJSE.RESPONSE_1310' });
    expect((await admin('/stats')).invalid - before.invalid).toBe(1);
  });

  it('business rejection injected with rejectCode → CJSE.RESPONSE_<code>', async () => {
    await faults({ rejectCode: 1359 });
    expect(await send(id())).toMatchObject({ kind: 'business', code: 'CJSE.RESPONSE_1359' });
  });

  it('missing RequestID → 306 business rejection (mdi-errors fixture behaviour)', async () => {
    const env = validSubmitEnvelope('x').replace(/<RequestID>x<\/RequestID>/, '<RequestID>   </RequestID>');
    expect(await send('x-306', env)).toMatchObject({ kind: 'business', code: 'CJSE.RESPONSE_306' });
  });

  it.each([
    [{ status: 503 }, 'transport', 'PARTNER.HTTP_503'],
    [{ status: 500 }, 'transport', 'PARTNER.HTTP_500'],
    [{ status: 429 }, 'transport', 'PARTNER.RATE_LIMITED'],
    [{ soapFault: true }, 'transport', 'PARTNER.SOAP_FAULT'],
    [{ timeout: true }, 'transport', 'PARTNER.TIMEOUT'],
    [{ reset: true }, 'transport', 'PARTNER.CONNECTION'],
    [{ htmlReply: true }, 'transport', 'PARTNER.UNREADABLE_REPLY'],
    [{ emptyReply: true }, 'transport', 'PARTNER.UNREADABLE_REPLY'],
    [{ truncatedReply: true }, 'transport', 'PARTNER.UNREADABLE_REPLY'],
  ])('fault %j → %s %s', async (f, kind, code) => {
    await faults(f);
    expect(await send(id())).toMatchObject({ kind, code });
  });

  it('a malformed envelope is answered with a SOAP Client fault → contract PARTNER.SOAP_FAULT_CLIENT', async () => {
    expect(await send('bad', buildSoap11Envelope('<Nope xmlns="urn:x"/>'))).toMatchObject({ kind: 'contract', code: 'PARTNER.SOAP_FAULT_CLIENT' });
  });

  it('lost reply: fault after processing, then the retry is deduplicated and acknowledged', async () => {
    const m = id();
    await faults({ reset: true, afterProcessing: true });
    expect(await send(m)).toMatchObject({ kind: 'transport', code: 'PARTNER.CONNECTION' });
    await admin('/faults', { method: 'DELETE' });
    expect(await send(m)).toMatchObject({ kind: 'success', ackRef: m });
    const held = await admin(`/received?messageId=${m}`);
    expect(held.items).toHaveLength(1);
    expect(held.items[0].duplicates).toBe(1);
  });

  it('errorRate applies faults to roughly that share of requests', async () => {
    await faults({ errorRate: 0.5 });
    const outs = await Promise.all(Array.from({ length: 60 }, () => send(id())));
    const failed = outs.filter((o) => o.kind === 'transport').length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
  });

  it('latency beyond the timeout → PARTNER.TIMEOUT', async () => {
    await faults({ latencyMs: 2500 });
    expect(await send(id())).toMatchObject({ kind: 'transport', code: 'PARTNER.TIMEOUT' });
  });

  it('connection refused → PARTNER.CONNECTION', async () => {
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    const dead = new SoapTransport({ url: `http://127.0.0.1:${port}/cjse/spi`, timeoutMs: 1000 });
    expect(await dead.send({ payload: '<x/>', contentType: 'text/xml', messageId: 'm' })).toMatchObject({ kind: 'transport', code: 'PARTNER.CONNECTION' });
    await dead.close();
  });

  it('admin API: stats, reset, fault validation, unknown partner', async () => {
    expect((await fetch(`${base}/_sim/nobody/stats`)).status).toBe(404);
    const bad = await fetch(`${base}/_sim/police/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 418 }) });
    expect(bad.status).toBe(400);
    expect(await faults({ latencyMs: 1 })).toEqual({ latencyMs: 1 });
    expect(await admin('/faults')).toEqual({ latencyMs: 1 });
    await admin('/received', { method: 'DELETE' });
    expect(await admin('/stats')).toEqual({ received: 0, unique: 0, duplicates: 0, invalid: 0, rejected: 0, faulted: 0, retained: 0 });
    await send(id());
    expect((await admin('/stats')).unique).toBe(1);
    expect((await admin('/received?limit=0')) .statusCode).toBe(400);
  });
});
