import pg from 'pg';
import { loadSamples, variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { DEFAULT_URGENCY } from '../../libs/domain/src/routing/obligation.js';
import { type Bridge, startBridge } from '../support/bridge.js';
import { DATABASE_URL, deleteRedisPrefix, waitUntil } from '../support/harness.js';

async function query<T>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Issue 4 over real PostgreSQL, Redis and simulators: isolation, breaker, order, replay, reconcile, escalation. */
describe('delivery guarantees', () => {
  let bridge: Bridge;
  const curfew = () => loadSamples().find((s) => s.name.startsWith('001'))!.body;
  const twoDefendants = () => loadSamples().find((s) => s.name.startsWith('002'))!.body;
  const settle = async (id: string, statuses = ['acknowledged'], ms = 30_000) => {
    try {
      return await waitUntil(async () => {
        const n = await bridge.notification(id);
        return statuses.includes(n.status) ? n : undefined;
      }, ms, `${id} → ${statuses.join('|')}`);
    } catch (e) {
      const n = await bridge.notification(id);
      const q = bridge.worker.queues.get(n.partner)!;
      const job = await q.getJob(id);
      console.error(JSON.stringify({ status: n.status, attempts: n.attempts.length, last: n.attempts.at(-1), jobState: await q.getJobState(id), job: job && { made: job.attemptsMade, delay: job.delay, failed: job.failedReason }, counts: await q.getJobCounts(), breaker: bridge.worker.breakers.get(n.partner)!.state }));
      throw e;
    }
  };

  beforeAll(async () => {
    // Electronic monitoring gets a 3-second deadline here so its escalations fire inside the test.
    // Alerts repeat every pass here (no 5-minute quiet interval) so each test sees its own.
    bridge = await startBridge({ urgency: { ...DEFAULT_URGENCY, 'electronic-monitoring': { criticality: 'critical', deadlineMinutes: 0.05 } }, worker: { alertRepeatMs: 0 } });
  }, 60_000);
  afterAll(async () => bridge?.close());

  it('keeps delivering to the police while the EM supplier is down, opens only the EM breaker, and recovers', async () => {
    await bridge.fault('electronic-monitoring', { status: 503 });
    const posted = await Promise.all(Array.from({ length: 10 }, (_, i) => bridge.post(variant(curfew(), 100 + i))));
    const ids = posted.flatMap((p) => p.json.notifications as { id: string; partner: string }[]);
    const police = ids.filter((n) => n.partner === 'police');
    const em = ids.filter((n) => n.partner === 'electronic-monitoring');
    const t0 = Date.now();
    for (const n of police) await settle(n.id, ['acknowledged'], 15_000);
    const policeSeconds = (Date.now() - t0) / 1000;
    expect(policeSeconds).toBeLessThan(15);
    await waitUntil(async () => (bridge.worker.breakers.get('electronic-monitoring')!.state === 'open' ? true : undefined), 10_000, 'EM breaker open');
    expect(bridge.worker.breakers.get('police')!.state).toBe('closed');
    for (const n of em) expect((await bridge.notification(n.id)).status).not.toBe('acknowledged');

    await bridge.fault('electronic-monitoring', null);
    const done = [];
    for (const n of em) done.push(await settle(n.id, ['acknowledged'], 30_000));
    // Some met the outage; once the breaker opened the rest were not even tried until it closed.
    const failedAttempts = done.flatMap((d) => d.attempts).filter((a: { errorCode: string }) => a.errorCode === 'PARTNER.HTTP_503');
    expect(failedAttempts.length).toBeGreaterThanOrEqual(3);
    expect(bridge.worker.breakers.get('electronic-monitoring')!.state).toBe('closed');
  }, 90_000);

  it('records each deadline level once per notification and alerts it grouped (partner, level, cause) to the webhook', async () => {
    await bridge.fault('electronic-monitoring', { status: 503 });
    const { json } = await bridge.post(variant(curfew(), 200));
    const em = json.notifications.find((n: { partner: string }) => n.partner === 'electronic-monitoring');
    const mine = () => bridge.alerts.filter((a) => a.type === 'cp-bridge.escalation-group' && (a.oldest as { notificationId: string }).notificationId === em.id);
    await waitUntil(async () => (mine().some((a) => a.level === 'deadline-breach') ? true : undefined), 15_000, 'breach alert');
    await bridge.worker.escalator.runOnce(new Date(Date.now() + 3_600_000));
    // Each level alerts at most once, the breach always (levels crossed within one pass alert only the highest).
    const levels = mine().map((a) => a.level);
    expect(new Set(levels).size).toBe(levels.length);
    expect(levels).toContain('deadline-breach');
    for (const a of mine()) expect(a).toMatchObject({ partner: 'electronic-monitoring', cause: 'in-flight', errorCode: null, count: 1, newCount: 1 });
    const recorded = await query<{ level: string }>(`select level from "${bridge.schema}".escalations where notification_id = $1`, [em.id]);
    expect(recorded.map((r) => r.level).sort()).toEqual(['deadline-90pct', 'deadline-breach', 'deadline-half']);
    await bridge.fault('electronic-monitoring', null);
    await settle(em.id);
  }, 60_000);

  it('holds a later notification behind a parked one for the same case, then delivers both in order after replay', async () => {
    const first = variant(twoDefendants(), 300);
    // An amendment police reads (each defendant's name): an unchanged re-share would owe police nothing (ADR 0012).
    const second: Record<string, any> = structuredClone(first);
    second.sharedTime = new Date(Date.now() + 60_000).toISOString();
    for (const c of second.hearing.prosecutionCases) for (const d of c.defendants) d.personDefendant.personDetails.lastName += '-Amended';
    await bridge.fault('police', { rejectCode: 1310 });
    const a = (await bridge.post(first)).json.notifications[0];
    const parked = await settle(a.id, ['parked']);
    expect(parked.lastError.code).toBe('CJSE.RESPONSE_1310');
    await bridge.fault('police', null);
    const later = (await bridge.post(second)).json.notifications as { id: string }[];
    const views = await Promise.all(later.map((n) => bridge.notification(n.id)));
    const sameKey = views.find((v) => v.orderKey === parked.orderKey)!;
    expect(sameKey.id).not.toBe(a.id);
    const held = await settle(sameKey.id, ['held']);
    expect(held.status).toBe('held');
    await waitUntil(async () => (bridge.alerts.some((x) => x.notificationId === sameKey.id && x.level === 'held-behind-predecessor') ? true : undefined), 5_000, 'hold alert');

    const replay = await bridge.api(`/v1/parked/${a.id}/replay`, { method: 'POST', headers: { 'x-actor': 'jest-operator' } });
    expect(replay.json.count).toBe(1);
    await settle(a.id);
    await settle(sameKey.id);
    const received = (await (await fetch(`${bridge.simBase}/_sim/police/received?limit=50`)).json()) as { items: { messageId: string; seq: number; valid: boolean }[] };
    const seqOf = (id: string) => Math.max(...received.items.filter((m) => m.messageId === id && m.valid).map((m) => m.seq));
    expect(seqOf(a.id)).toBeLessThan(seqOf(sameKey.id));
  }, 60_000);

  it('replays in bulk by error code through another contract version, audited', async () => {
    await bridge.fault('police', { rejectCode: 306 });
    const posted = await Promise.all([400, 401, 402].map((n) => bridge.post(variant(curfew(), n))));
    const police = posted.map((p) => p.json.notifications.find((n: { partner: string }) => n.partner === 'police'));
    for (const n of police) await settle(n.id, ['parked']);
    await bridge.fault('police', null);
    const listed = (await bridge.api('/v1/parked?errorCode=CJSE.RESPONSE_306')).json as { id: string }[];
    expect(listed.map((r) => r.id).sort()).toEqual(police.map((n) => n.id).sort());
    const res = await bridge.api('/v1/parked/replay', { method: 'POST', headers: { 'x-actor': 'jest-operator' }, body: { errorCode: 'CJSE.RESPONSE_306', through: 'v2' } });
    expect(res.json.count).toBe(3);
    for (const n of police) {
      const done = await settle(n.id);
      expect(done.contract).toBe('police-results@v2');
    }
    const bad = await bridge.api('/v1/parked/replay', { method: 'POST', body: {} });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('PAYLOAD.REPLAY_FILTER_REQUIRED');
  }, 60_000);

  it('finds work no queue holds after Redis loses it, reports it as unaccounted, and repairs it', async () => {
    const queues = [...bridge.worker.queues.values()];
    await Promise.all(queues.map((q) => q.pause()));
    const posted = await Promise.all([500, 501, 502].map((n) => bridge.post(variant(twoDefendants(), n))));
    const ids = posted.flatMap((p) => p.json.notifications.map((n: { id: string }) => n.id));
    await waitUntil(async () => {
      let queued = 0;
      for (const q of queues) queued += Object.values(await q.getJobCounts('waiting', 'prioritized', 'paused' as never)).reduce((a, b) => a + b, 0);
      return queued >= ids.length ? true : undefined;
    }, 10_000, 'jobs queued');
    await deleteRedisPrefix(bridge.prefix); // Redis forgets everything
    const before = (await bridge.api('/v1/reconciliation')).json as { unaccounted: number };
    // The report's grace period hides work younger than 30 s; ask the reconciler directly with none.
    const lost = await bridge.worker.reconciler.findUnaccounted(0);
    expect(lost.map((l) => l.id)).toEqual(expect.arrayContaining(ids));
    expect(before.unaccounted).toBeGreaterThanOrEqual(0);
    const repaired = await bridge.worker.reconciler.repairOnce(0);
    expect(repaired.reEnqueued).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) await settle(id);
    expect(await bridge.worker.reconciler.findUnaccounted(0)).toEqual([]);
    const after = (await bridge.api('/v1/reconciliation')).json as { unaccounted: number; rows: { obligated: number }[] };
    expect(after.unaccounted).toBe(0);
    expect(after.rows.reduce((n, r) => n + r.obligated, 0)).toBeGreaterThan(0);
  }, 60_000);
});
