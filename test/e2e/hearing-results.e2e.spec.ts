import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { loadSamples, variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { createGatewayApp, type GatewayHandle } from '../../apps/gateway/src/gateway.app.js';
import { createSimulatorsApp } from '../../apps/simulators/src/simulators.app.js';
import { startWorker, type WorkerHandle } from '../../apps/worker/src/worker.app.js';
import { DATABASE_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName, waitUntil } from '../support/harness.js';
import { devAuthHeaders } from '../../apps/gateway/src/auth/api-clients.js';
import { simulatorUrlEnv } from '../../apps/simulators/src/simulator-urls.js';

/**
 * The vertical slice over real HTTP, PostgreSQL, Redis and the partner simulators: post the
 * project's sample hearing results and follow every notification to the partner's acknowledgement.
 */
describe('hearing result → obligations → delivered and acknowledged (e2e)', () => {
  const schema = uniqueName('e2e');
  const prefix = uniqueName('e2e');
  let sims: INestApplication;
  let gateway: GatewayHandle;
  let worker: WorkerHandle;
  let base: string;
  let simBase: string;

  beforeAll(async () => {
    sims = await createSimulatorsApp({});
    await sims.listen(0, '127.0.0.1');
    simBase = await sims.getUrl();
    Object.assign(process.env, simulatorUrlEnv(simBase));
    gateway = await createGatewayApp({ databaseUrl: DATABASE_URL, schema });
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

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/v1/hearing-results`, { method: 'POST', headers: { 'content-type': 'application/json', ...devAuthHeaders(), ...headers }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };

  it('delivers police and electronic-monitoring notifications and records the partner acknowledgement', async () => {
    const samples = loadSamples();
    const curfew = variant(samples.find((s) => s.name.startsWith('001'))!.body, 1);
    const { status, json } = await post(curfew);
    expect(status).toBe(202);
    const partners = json.notifications.map((n: { partner: string }) => n.partner).sort();
    expect(partners).toEqual(['electronic-monitoring', 'police']);

    for (const n of json.notifications) {
      const done = await waitUntil(async () => {
        const r = (await (await fetch(`${base}/v1/notifications/${n.id}`, { headers: devAuthHeaders() })).json()) as Record<string, any>;
        return r.status === 'acknowledged' || r.status === 'parked' ? r : undefined;
      }, 20_000, `notification ${n.id} to finish`);
      expect(done.status).toBe('acknowledged');
      expect(done.ackRef).toBeTruthy();
      expect(done.attempts.length).toBeGreaterThanOrEqual(1);
      expect(done.attempts.at(-1).outcome).toBe('success');
    }
    const police = (await (await fetch(`${simBase}/_sim/police/received?limit=10`)).json()) as { items: { valid: boolean; problems?: unknown[] }[] };
    expect(police.items.length).toBeGreaterThanOrEqual(1);
    expect(police.items.every((m) => m.valid)).toBe(true);
  });

  it('answers a duplicate event with the same ids and creates nothing', async () => {
    const body = variant(loadSamples()[1]!.body, 2);
    const first = await post(body);
    const again = await post(body);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.json.created).toBe(false);
    expect(again.json.eventId).toBe(first.json.eventId);
    expect(again.json.notifications.map((n: { id: string }) => n.id).sort()).toEqual(first.json.notifications.map((n: { id: string }) => n.id).sort());
  });

  it('records an undecidable obligation as needs-review instead of dropping it', async () => {
    const body = variant(loadSamples().find((s) => s.name.startsWith('003'))!.body, 3);
    const { json } = await post(body);
    expect(json.notifications).toHaveLength(1);
    expect(json.notifications[0]).toMatchObject({ partner: 'police', status: 'needs-review' });
  });

  it('rejects a payload missing required fields with 400 listing each path and a stable code', async () => {
    const { status, json } = await post({ hearing: { id: 'h', courtCentre: {}, prosecutionCases: [{ defendants: [{}] }] } });
    expect(status).toBe(400);
    expect(json.code).toBe('PAYLOAD.INVALID');
    const paths = json.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['$.hearing.jurisdictionType', '$.hearing.courtCentre.id', '$.hearing.prosecutionCases[0].id', '$.hearing.prosecutionCases[0].defendants[0].id']));
    expect(json.problems.every((p: { code: string }) => /^PAYLOAD\.[A-Z_]+$/.test(p.code))).toBe(true);
  });

  it('keeps the exact text sent (decoded and parsed once, at the door); other JSON routes keep the secure default parser', async () => {
    // Spacing and key order that JSON.stringify would not reproduce: the stored raw body must be the sent text.
    const body = variant(loadSamples()[2]!.body, 5) as { sharedTime: string; hearing: { id: string } };
    // A leading byte order mark is kept too (JSON parsers skip it; the stored text is the sent text).
    const text = `\uFEFF{ "sharedTime" : ${JSON.stringify(body.sharedTime)},\n  "hearing": ${JSON.stringify(body.hearing, null, 1)} }`;
    const res = await fetch(`${base}/v1/hearing-results`, { method: 'POST', headers: { 'content-type': 'application/json', ...devAuthHeaders() }, body: text });
    expect(res.status).toBe(202);
    const { eventId } = (await res.json()) as { eventId: string };
    const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
    await client.connect();
    const { rows } = await client.query('select raw_body, payload from events where id = $1', [eventId]).finally(() => client.end());
    expect(rows[0].raw_body).toBe(text);
    // The payload is stored from that text (BOM left out), so it is the whole parsed body.
    expect(rows[0].payload).toEqual(JSON.parse(text.slice(1)));
    expect(rows[0].payload.hearing.id).toBe(body.hearing.id);

    const replay = (b: string) => fetch(`${base}/v1/parked/replay`, { method: 'POST', headers: { 'content-type': 'application/json', ...devAuthHeaders() }, body: b });
    expect((await replay('{"errorCode":"NOTHING.PARKED"}')).status).toBe(200);
    const poisoned = await replay('{"errorCode":"X","__proto__":{"admin":true}}');
    expect(poisoned.status).toBe(400);
  });

  it('tolerates unknown fields and serves its OpenAPI document', async () => {
    const body = { ...variant(loadSamples()[1]!.body, 4), somethingNew: { nested: true } };
    expect((await post(body)).status).toBe(202);
    const doc = (await (await fetch(`${base}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/hearing-results', '/v1/notifications/{id}']));
  });
});
