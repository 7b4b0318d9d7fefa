import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { JsonHttpTransport } from './json-http.transport.js';

/**
 * Edge cases of the JSON transport against a scripted HTTP server (the EM simulator spec in
 * apps/simulators covers the end-to-end behaviour and faults).
 */
describe('JsonHttpTransport classification', () => {
  let server: Server;
  let url: string;
  let script: (req: IncomingMessage, res: ServerResponse, body: string) => void = () => undefined;
  let transport: JsonHttpTransport;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => script(req, res, body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/em/orders`;
    transport = new JsonHttpTransport({ url, timeoutMs: 1000 });
  });
  afterAll(async () => {
    await transport.close();
    await new Promise((r) => server.close(r));
  });

  const reply = (status: number, body: string, type = 'application/json') => (script = (_q, res) => res.writeHead(status, { 'content-type': type }).end(body));
  const send = (action?: string) => transport.send({ payload: '{"messageId":"m-1"}', contentType: 'application/json', messageId: 'm-1', ...(action ? { action } : {}) });

  it('sends the Idempotency-Key and JSON body; action is a path suffix', async () => {
    let seen: { key?: string; path?: string; body?: string } = {};
    script = (req, res, body) => {
      seen = { key: req.headers['idempotency-key'] as string, path: req.url, body };
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":42}');
    };
    expect(await send('curfew')).toEqual({ kind: 'success', ackRef: '42' });
    expect(seen).toEqual({ key: 'm-1', path: '/em/orders/curfew', body: '{"messageId":"m-1"}' });
  });

  it.each([
    [409, '{"reference":"R-1"}', { kind: 'success', ackRef: 'R-1' }],
    [409, '{"message":"conflict"}', { kind: 'business', code: 'PARTNER.CONFLICT' }],
    [409, '{"reference":"R-', { kind: 'transport', code: 'PARTNER.UNREADABLE_REPLY' }],
    [422, '{"message":"wearer unknown","errors":["dob"]}', { kind: 'business', code: 'PARTNER.REJECTED', message: 'wearer unknown ["dob"]' }],
    [201, '{"status":"ok"}', { kind: 'transport', code: 'PARTNER.UNREADABLE_REPLY' }],
    [200, 'OK', { kind: 'transport', code: 'PARTNER.UNREADABLE_REPLY' }],
    [401, '', { kind: 'transport', code: 'PARTNER.HTTP_401' }],
    [413, '', { kind: 'business', code: 'PARTNER.HTTP_413' }],
    [502, '<html/>', { kind: 'transport', code: 'PARTNER.HTTP_502' }],
  ])('HTTP %i %s → %j', async (status, body, expected) => {
    reply(status, body);
    expect(await send()).toMatchObject(expected);
  });

  it('never throws: a reply too large to read is unreadable', async () => {
    const small = new JsonHttpTransport({ url, maxReplyBytes: 10 });
    reply(200, JSON.stringify({ reference: 'x'.repeat(100) }));
    expect(await small.send({ payload: '{}', contentType: 'application/json', messageId: 'm' })).toMatchObject({ code: 'PARTNER.UNREADABLE_REPLY' });
    await small.close();
  });
});
