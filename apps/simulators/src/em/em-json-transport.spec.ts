import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JsonHttpTransport } from '../../../../libs/delivery/src/transports/json-http.transport.js';
import { createSimulatorsApp } from '../simulators.app.js';

type AdminJson = Record<string, number> & { items: Array<Record<string, unknown> & { raw: string }>; statusCode: number };

/** JsonHttpTransport against the electronic-monitoring simulator over real HTTP. */
describe('JsonHttpTransport ⇄ EM simulator', () => {
  let app: NestFastifyApplication;
  let base: string;
  let transport: JsonHttpTransport;
  let n = 0;
  const id = () => `em-${process.pid}-${++n}`;
  const order = (messageId: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ messageId, deviceWearer: { id: 'dw-1' }, order: { type: 'curfew' }, ...extra });
  const send = (messageId: string, payload = order(messageId)) => transport.send({ payload, contentType: 'application/json', messageId });
  // Loosely typed on purpose: each test reads the few fields it checks from the admin API's JSON.
  const admin = async <T = AdminJson>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${base}/_sim/electronic-monitoring${path}`, init);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const faults = (f: unknown) => admin('/faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) });

  beforeAll(async () => {
    app = await createSimulatorsApp({ logLevel: 'silent', faults: { 'electronic-monitoring': {} } });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    transport = new JsonHttpTransport({ url: `${base}/em/orders`, timeoutMs: 1500 });
  });
  afterAll(async () => {
    await transport.close();
    await app.close();
  });
  afterEach(async () => {
    await admin('/faults', { method: 'DELETE' });
  });

  it('201 {reference} → success with the reference; recorded with the raw body', async () => {
    const m = id();
    const out = await send(m);
    expect(out).toMatchObject({ kind: 'success' });
    const ref = (out as { ackRef: string }).ackRef;
    expect(ref).toMatch(/^EM-/);
    const held = await admin(`/received?messageId=${m}`);
    expect(held.items).toHaveLength(1);
    expect(held.items[0]).toMatchObject({ messageId: m, valid: true, reference: ref });
    expect(JSON.parse(held.items[0].raw).messageId).toBe(m);
  });

  it('a retry with the same Idempotency-Key → 409 with the original reference → success, recorded once', async () => {
    const m = id();
    const first = await send(m);
    const again = await send(m);
    expect(again).toMatchObject({ kind: 'success', ackRef: (first as { ackRef: string }).ackRef });
    expect((again as { detail?: string }).detail).toContain('duplicate');
    const held = await admin(`/received?messageId=${m}`);
    expect(held.items).toHaveLength(1);
    expect(held.items[0].duplicates).toBe(1);
  });

  it('missing fields → 422 → business PARTNER.REJECTED with the supplier message', async () => {
    const out = await send(id(), JSON.stringify({ messageId: 'x', order: {} }));
    expect(out).toMatchObject({ kind: 'business', code: 'PARTNER.REJECTED', httpStatus: 422 });
    expect((out as { message: string }).message).toContain('deviceWearer');
  });

  it('not JSON → 400 → business PARTNER.REJECTED', async () => {
    expect(await send(id(), 'not json')).toMatchObject({ kind: 'business', code: 'PARTNER.REJECTED', httpStatus: 400 });
  });

  it('injected rejectCode → 422 → business PARTNER.REJECTED', async () => {
    await faults({ rejectCode: 7 });
    expect(await send(id())).toMatchObject({ kind: 'business', code: 'PARTNER.REJECTED' });
  });

  it.each([
    [{ status: 503 }, 'PARTNER.HTTP_503'],
    [{ status: 429 }, 'PARTNER.RATE_LIMITED'],
    [{ soapFault: true }, 'PARTNER.HTTP_500'],
    [{ timeout: true }, 'PARTNER.TIMEOUT'],
    [{ reset: true }, 'PARTNER.CONNECTION'],
    [{ htmlReply: true }, 'PARTNER.UNREADABLE_REPLY'],
    [{ emptyReply: true }, 'PARTNER.UNREADABLE_REPLY'],
    [{ truncatedReply: true }, 'PARTNER.UNREADABLE_REPLY'],
  ])('fault %j → transport %s', async (f, code) => {
    await faults(f);
    expect(await send(id())).toMatchObject({ kind: 'transport', code });
  });

  it('stats count received, unique, duplicates and invalid exactly', async () => {
    await admin('/received', { method: 'DELETE' });
    const a = id();
    await send(a);
    await send(a);
    await send(id());
    await send(id(), '{}');
    expect(await admin('/stats')).toMatchObject({ received: 4, unique: 2, duplicates: 1, invalid: 1 });
  });
});
