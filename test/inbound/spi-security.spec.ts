import pg from 'pg';
import { devAuthHeaders } from '../../apps/gateway/src/auth/api-clients.js';
import { createGatewayApp, type GatewayHandle } from '../../apps/gateway/src/gateway.app.js';
import { DATABASE_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName } from '../support/harness.js';
import { post, readSpi, securityHeader, submitEnvelope } from './spi-support.js';

/** Security at the door: WS-Security failures and hard limits, each followed by a normal request. */
describe('inbound SPI security', () => {
  const schema = uniqueName('inbsec');
  const prefix = uniqueName('inbsec');
  let gateway: GatewayHandle;
  let base: string;
  let n = 0;

  beforeAll(async () => {
    process.env.CP_BRIDGE_NONCE_PREFIX = `${prefix}:nonce`;
    gateway = await createGatewayApp({ databaseUrl: DATABASE_URL, schema, redisUrl: REDIS_URL, prefix });
    await gateway.app.listen(0, '127.0.0.1');
    base = await gateway.app.getUrl();
  });
  afterAll(async () => {
    await gateway?.close();
    await dropSchema(schema);
    await deleteRedisPrefix(prefix);
  });

  const fresh = (header?: string) => submitEnvelope(readSpi('SingleDefendantSingeOffence.xml').replace('CORRELATION_ID', `SEC-${++n}-${prefix}`), header === undefined ? {} : { header });
  const count = async (sql: string): Promise<number> => {
    const c = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
    await c.connect();
    const r = await c.query<{ n: number }>(sql);
    await c.end();
    return Number(r.rows[0]!.n);
  };
  const stillWorks = async () => expect((await post(base, fresh())).responseCode).toBe(1);

  const minutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  it.each([
    ['missing token', '', 'wsse:InvalidSecurity', 'AUTH.MISSING'],
    ['wrong password', securityHeader({ password: 'wrong' }), 'wsse:FailedAuthentication', 'AUTH.INVALID'],
    ['unknown user', securityHeader({ user: 'mallory' }), 'wsse:FailedAuthentication', 'AUTH.INVALID'],
    ['created too old (outside the replay window)', securityHeader({ created: minutes(-10) }), 'wsse:MessageExpired', 'AUTH.EXPIRED'],
    ['created in the future beyond the clock skew', securityHeader({ created: minutes(5) }), 'wsse:MessageExpired', 'AUTH.CLOCK_SKEW'],
  ])('%s → SOAP fault, audited, nothing processed', async (_name, header, faultCode, code) => {
    const [events, quarantined, audits] = await Promise.all([count('select count(*) n from events'), count('select count(*) n from quarantine'), count(`select count(*) n from audit_log where detail->>'code' = '${code}'`)]);
    const r = await post(base, fresh(header));
    expect(r).toMatchObject({ status: 500, faultCode, code });
    expect(await count('select count(*) n from events')).toBe(events);
    expect(await count('select count(*) n from quarantine')).toBe(quarantined);
    expect(await count(`select count(*) n from audit_log where detail->>'code' = '${code}'`)).toBe(audits + 1);
    await stillWorks();
  });

  it('a replayed nonce → AUTH.REPLAYED, even with a new message', async () => {
    const header = securityHeader();
    expect((await post(base, fresh(header))).responseCode).toBe(1);
    expect(await post(base, fresh(header))).toMatchObject({ status: 500, faultCode: 'wsse:FailedAuthentication', code: 'AUTH.REPLAYED' });
    await stillWorks();
  });

  const routeData = readSpi('SingleDefendantSingeOffence.xml');
  const inHeader = (extra: string) => fresh().replace('<soap:Header>', `<soap:Header>${extra}`);
  it.each([
    ['body over the size limit', () => fresh().replace('<soap:Body>', `<soap:Body><!--${'x'.repeat(1_100_000)}-->`), 'XML.TOO_LARGE'],
    ['nesting deeper than the limit', () => inHeader('<d>'.repeat(60) + '</d>'.repeat(60)), 'XML.TOO_DEEP'],
    ['more elements than the limit', () => inHeader('<e/>'.repeat(20_001)), 'XML.TOO_MANY_ELEMENTS'],
    ['a DOCTYPE', () => '<!DOCTYPE soap:Envelope>' + fresh().replace(/^<\?xml[^>]*\?>/, ''), 'XML.DOCTYPE_FORBIDDEN'],
    ['XXE (external entity)', () => '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + fresh().replace(/^<\?xml[^>]*\?>/, '').replace('Z00CJSE', '&x;'), 'XML.DOCTYPE_FORBIDDEN'],
    ['entity expansion (billion laughs)', () => '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' + fresh().replace(/^<\?xml[^>]*\?>/, '').replace('Z00CJSE', '&c;'), 'XML.DOCTYPE_FORBIDDEN'],
  ])('%s → SOAP Client fault before parsing', async (_name, body, code) => {
    const r = await post(base, body());
    expect(r).toMatchObject({ status: 500, faultCode: 'soap:Client', code });
    await stillWorks();
  });

  it('__proto__ and constructor element names cannot corrupt objects', async () => {
    const r = await post(base, fresh().replace('<soap:Header>', '<soap:Header><__proto__><polluted>yes</polluted></__proto__><constructor><prototype>x</prototype></constructor>'));
    expect(r.status).toBe(500);
    expect(r.code).toMatch(/^XML\./);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillWorks();
    expect(routeData).toContain('RouteData');
  });

  it('the platform API refuses a missing or wrong key with 401 and a stable code', async () => {
    const none = await fetch(`${base}/v1/notifications`);
    expect([none.status, ((await none.json()) as { code: string }).code]).toEqual([401, 'AUTH.MISSING']);
    const bad = await fetch(`${base}/v1/notifications`, { headers: { 'x-api-key': 'guess' } });
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([401, 'AUTH.INVALID']);
    expect((await fetch(`${base}/v1/notifications`, { headers: devAuthHeaders() })).status).toBe(200);
  });
});
