import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DeliveryControlRepository } from './delivery-control.repository.js';
import { loadDispatchBatch } from './dispatch-batch.queries.js';
import { BatchedDispatchStore } from './dispatch-store.js';
import { LedgerRepository } from './ledger.repository.js';
import { newEvent, newNotification, openTestDatabase, type BackendKind, type TestDatabase } from './ledger.test-harness.js';

const backends: BackendKind[] = ['postgres'];

describe.each(backends)('BatchedDispatchStore on %s', (kind) => {
  let database: TestDatabase;
  let ledger: LedgerRepository;
  let store: BatchedDispatchStore;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    ledger = new LedgerRepository(database.db);
    store = new BatchedDispatchStore(database.db, { maxBatch: 25, eventCacheSize: 4 });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const now = () => new Date();
  const events = () => Array.from({ length: 8 }, (_, e) => newEvent({ payload: { hearing: { id: `h${e}` }, n: e }, notifications: Array.from({ length: 5 }, () => newNotification()) }));

  it('loads many at once with each event payload, whether fetched, shared in the batch or cached', async () => {
    const evs = events();
    for (const e of evs) await ledger.acceptEvent(e);
    const ids = evs.flatMap((e) => e.notifications.map((n) => n.id));
    // twice: the second round finds the last events in the cache
    for (let round = 0; round < 2; round++) {
      const loaded = await Promise.all(ids.map((id) => store.load(id)));
      loaded.forEach((l, i) => {
        const ev = evs[Math.floor(i / 5)]!;
        expect(l?.notification.id).toBe(ids[i]);
        expect(l?.payload).toEqual(ev.payload);
        expect(l).not.toHaveProperty('payloadOmitted');
      });
    }
    expect(await store.load('missing')).toBeUndefined();
    // what the cache saves: a known event's payload is not sent again
    const direct = await loadDispatchBatch(database.db, [ids[0]!, ids[1]!], [evs[0]!.eventId]);
    expect(direct.map((d) => [d?.payload, d?.payloadOmitted])).toEqual([[null, true], [null, true]]);
  });

  it('starts and records concurrent deliveries; a bad one fails alone; a second ack changes nothing', async () => {
    const [ev] = events();
    await ledger.acceptEvent(ev!);
    const [a, b, c, d, e] = ev!.notifications.map((n) => n.id);
    const started = await Promise.allSettled([a, b, c, d, 'missing'].map((id) => store.startAttempt(id!)));
    expect(started.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as { code: string }).code))).toEqual([1, 1, 1, 1, 'LEDGER.NOT_FOUND']);

    const t = now();
    const at = (attemptNo: number, outcome: 'success' | 'transport' | 'business', extra = {}) => ({ attemptNo, startedAt: t, finishedAt: t, outcome, ...extra });
    const recorded = await Promise.allSettled([
      store.recordAttempt(a!, at(1, 'success', { ackRef: 'A1', document: '<a/>' }), 'acknowledged'),
      store.recordAttempt(a!, at(1, 'success', { ackRef: 'A2' }), 'acknowledged'),
      store.recordAttempt(b!, at(1, 'transport', { errorCode: 'PARTNER.TIMEOUT', errorMessage: 'slow' }), 'retrying'),
      store.recordAttempt(c!, at(1, 'business', { errorCode: 'PARTNER.REJECTED' }), 'parked'),
      store.recordAttempt(d!, at(1, 'success'), 'parked'),
      store.recordAttempt(e!, at(1, 'transport'), 'retrying'),
    ]);
    expect(recorded.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as { code: string }).code))).toEqual([
      { applied: true, status: 'acknowledged' },
      { applied: false, status: 'acknowledged' },
      { applied: true, status: 'retrying' },
      { applied: true, status: 'parked' },
      'LEDGER.INVALID_TRANSITION',
      { applied: true, status: 'retrying' },
    ]);
    const va = await ledger.getNotification(a!);
    expect(va).toMatchObject({ status: 'acknowledged', ackRef: 'A1', document: '<a/>', attemptCount: 1 });
    expect(va?.attempts.map((x) => x.outcome)).toEqual(['success']);
    expect(await ledger.getNotification(b!)).toMatchObject({ status: 'retrying', lastError: { code: 'PARTNER.TIMEOUT', message: 'slow' } });
    expect(await ledger.getNotification(c!)).toMatchObject({ status: 'parked', parkedAt: expect.any(Date) });
    expect(await ledger.getNotification(d!)).toMatchObject({ status: 'in-flight' });
    await expect(store.startAttempt(a!)).rejects.toMatchObject({ code: 'LEDGER.NOT_DISPATCHABLE' });
    expect(await store.startAttempt(b!)).toBe(2);
  });

  it('stores each sent document exactly, against its own notification, whatever characters it holds', async () => {
    const [ev] = events();
    await ledger.acceptEvent(ev!);
    const ids = ev!.notifications.map((n) => n.id);
    await Promise.all(ids.map((id) => store.startAttempt(id)));
    // What an array literal or JSON must escape, a document of the JSON contracts, none at all,
    // and an unpaired surrogate (stored as U+FFFD, as a UTF-8 text parameter always made it).
    const documents = ['<a x="1">\\ {b}, "c" \u00e9 🚓</a>', '{"messageId":"m-1","order":{"note":"a \\"quoted\\" \\\\ path"}}', undefined, 'NULL', 'tail \ud800 end'];
    const t = now();
    await Promise.all(ids.map((id, i) => store.recordAttempt(id, { attemptNo: 1, startedAt: t, finishedAt: t, outcome: 'success', ackRef: `A${i}`, ...(documents[i] === undefined ? {} : { document: documents[i] }) }, 'acknowledged')));
    const stored = await Promise.all(ids.map((id) => ledger.getNotification(id)));
    expect(stored.map((n) => [n?.ackRef, n?.document])).toEqual([
      ['A0', documents[0]],
      ['A1', documents[1]],
      ['A2', null],
      ['A3', 'NULL'],
      ['A4', 'tail \ufffd end'],
    ]);
  });

  it('a duplicate ack that waited on the row lock of the first reports acknowledged, not its stale snapshot', async () => {
    const ev = newEvent({ notifications: [newNotification()] });
    await ledger.acceptEvent(ev);
    const id = ev.notifications[0]!.id;
    await store.startAttempt(id);
    const t = now();
    const ack = { attemptNo: 1, startedAt: t, finishedAt: t, outcome: 'success' as const, ackRef: 'FIRST' };
    let second: Promise<unknown> | undefined;
    await database.db.transaction().execute(async (trx) => {
      await sql`select 1 from notifications where id = ${id} for update`.execute(trx);
      second = ledger.recordAttempt(id, { ...ack, ackRef: 'SECOND' }, 'acknowledged');
      await new Promise((r) => setTimeout(r, 150)); // the second statement now waits on our lock
      await sql`update notifications set status = 'acknowledged', ack_ref = 'FIRST', acknowledged_at = now() where id = ${id}`.execute(trx);
    });
    expect(await second).toEqual({ applied: false, status: 'acknowledged' });
    expect(await ledger.getNotification(id)).toMatchObject({ ackRef: 'FIRST', attempts: [] });
  });

  it('holds only behind a parked predecessor, and its acknowledgement releases the held one to the outbox in the same commit', async () => {
    const control = new DeliveryControlRepository(database.db);
    const orderKey = `police|case-${randomUUID()}|def-1`;
    const first = newEvent({ notifications: [newNotification({ orderKey })] });
    const second = newEvent({ notifications: [newNotification({ orderKey })] });
    await ledger.acceptEvent(first);
    await ledger.acceptEvent(second);
    const [p, s] = [first.notifications[0]!.id, second.notifications[0]!.id];
    expect((await store.load(s))?.blocker).toEqual({ id: p, status: 'pending' });
    expect(await control.hold(s, 'behind a pending one')).toBe(false);

    const t = now();
    await store.recordAttempt(p, { attemptNo: await store.startAttempt(p), startedAt: t, finishedAt: t, outcome: 'business', errorCode: 'PARTNER.REJECTED' }, 'parked');
    expect(await control.hold(s, `held behind ${p}`)).toBe(true);
    while ((await ledger.claimOutbox(500)).length > 0);

    await control.replay({ ids: [p] }, { actor: 'test' });
    await ledger.claimOutbox(500);
    await store.recordAttempt(p, { attemptNo: await store.startAttempt(p), startedAt: t, finishedAt: t, outcome: 'success', ackRef: 'OK' }, 'acknowledged');
    expect(await ledger.getNotification(s)).toMatchObject({ status: 'pending' });
    expect((await ledger.claimOutbox(500)).map((c) => c.notificationId)).toEqual([s]);
    expect((await store.load(s))?.blocker).toBeUndefined();
  });

  it('claims in one statement: counts the attempt only for what may go now, and leaves final and blocked ones untouched', async () => {
    const orderKey = `police|case-${randomUUID()}|def-1`;
    const own = () => newNotification({ orderKey: `police|case-${randomUUID()}|def-1` });
    const ev = newEvent({ notifications: [newNotification({ orderKey }), newNotification({ orderKey }), own(), own()] });
    await ledger.acceptEvent(ev);
    const [first, behind, done, other] = ev.notifications.map((n) => n.id) as [string, string, string, string];
    const t = now();
    await store.recordAttempt(done, { attemptNo: await store.startAttempt(done), startedAt: t, finishedAt: t, outcome: 'success', ackRef: 'OK' }, 'acknowledged');

    const claimed = await Promise.all([first, behind, done, other, 'missing'].map((id) => store.claim(id)));
    expect(claimed.map((c) => c?.attemptNo)).toEqual([1, undefined, undefined, 1, undefined]);
    expect(claimed[1]?.blocker).toEqual({ id: first, status: 'pending' });
    expect(claimed[2]?.notification.status).toBe('acknowledged');
    expect(claimed[4]).toBeUndefined();
    expect(claimed[0]?.payload).toEqual(ev.payload);
    // what a delivery uses, read as stored (the claim leaves the operators' columns out)
    const n0 = ev.notifications[0]!;
    expect(claimed[0]?.notification).toEqual({
      id: first, eventId: ev.eventId, partner: n0.partner, contract: n0.contract, contractVersion: n0.contractVersion, status: 'pending',
      caseId: n0.caseId, defendantId: n0.defendantId, messageId: n0.messageId, createdAt: expect.any(Date), amendsEventId: null,
    });
    expect(await ledger.getNotification(first)).toMatchObject({ status: 'in-flight', attemptCount: 1 });
    expect(await ledger.getNotification(behind)).toMatchObject({ status: 'pending', attemptCount: 0 });
    expect(await ledger.getNotification(done)).toMatchObject({ status: 'acknowledged', attemptCount: 1 });
    // the same id twice at once is two runs, two attempts — never one counted for both
    const twice = await Promise.all([other, other].map((id) => store.claim(id)));
    expect(twice.map((c) => c?.attemptNo).sort()).toEqual([2, 3]);
  });
});
