import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { CodedError } from '../../domain/src/errors/problem.js';
import { LedgerRepository } from './ledger.repository.js';
import { countRows as countRowsIn, newEvent, newNotification, openTestDatabase, type BackendKind, type TestDatabase } from './ledger.test-harness.js';

const backends: BackendKind[] = ['postgres'];

describe.each(backends)('LedgerRepository on %s', (kind) => {
  let database: TestDatabase;
  let ledger: LedgerRepository;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    ledger = new LedgerRepository(database.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const countRows = (table: 'events' | 'notifications' | 'outbox', column: string, value: string) => countRowsIn(database.db, table, column, value);

  describe('acceptEvent', () => {
    it('writes the event, its notifications and outbox rows for pending ones only', async () => {
      const event = newEvent();
      const result = await ledger.acceptEvent(event);

      expect(result).toEqual({
        created: true,
        eventId: event.eventId,
        notifications: [
          { id: event.notifications[0]!.id, partner: 'police', contract: 'police-results@v1', status: 'pending' },
          { id: event.notifications[1]!.id, partner: 'probation', contract: 'police-results@v1', status: 'needs-review' },
        ],
      });
      const stored = await database.db
        .selectFrom('events')
        .select(['raw_body', 'payload', 'body_hash'])
        .where('id', '=', event.eventId)
        .executeTakeFirstOrThrow();
      expect(stored.raw_body).toBe(event.rawBody);
      expect(stored.payload).toEqual(event.payload);
      expect(await countRows('notifications', 'event_id', event.eventId)).toBe(2);
      expect(await countRows('outbox', 'notification_id', event.notifications[0]!.id)).toBe(1);
      expect(await countRows('outbox', 'notification_id', event.notifications[1]!.id)).toBe(0);
      const review = await ledger.getNotification(event.notifications[1]!.id);
      expect(review).toMatchObject({ status: 'needs-review', needsReview: true, reviewReason: 'no PNC id' });
    });

    it('stores the payload from its JSON text when the caller passes it (jsonb: same value, whitespace not kept)', async () => {
      const base = newEvent();
      const payloadJson = `{ "hearing" : { "id" : ${JSON.stringify(base.hearingId)} },\n  "big": 12345678901234567890, "note": "café \\u00e9" }`;
      const event = { ...base, payload: JSON.parse(payloadJson) as unknown, payloadJson };
      await ledger.acceptEvent(event);
      const stored = await database.db.selectFrom('events').select(['payload']).where('id', '=', event.eventId).executeTakeFirstOrThrow();
      expect(stored.payload).toEqual({ hearing: { id: base.hearingId }, big: 12345678901234567000, note: 'café \u00e9' });
      // The text, not JSON.stringify(payload), is what was stored: the digits past a double's precision survive.
      const { rows } = await sql<{ big: string }>`select payload->>'big' as big from events where id = ${event.eventId}`.execute(database.db);
      expect(rows[0]!.big).toBe('12345678901234567890');
    });

    it('writes nothing when one notification insert fails', async () => {
      const event = newEvent({
        notifications: [newNotification(), newNotification({ status: 'bogus' as never })],
      });
      await expect(ledger.acceptEvent(event)).rejects.toMatchObject({ code: 'LEDGER.CONSTRAINT_VIOLATION' });
      expect(await countRows('events', 'id', event.eventId)).toBe(0);
      expect(await countRows('notifications', 'event_id', event.eventId)).toBe(0);
      expect(await countRows('outbox', 'notification_id', event.notifications[0]!.id)).toBe(0);
    });

    it('refuses a notification whose message id is not its own id (that equality is what makes message ids unique)', async () => {
      const event = newEvent({ notifications: [newNotification({ messageId: `other-${randomUUID()}` })] });
      await expect(ledger.acceptEvent(event)).rejects.toMatchObject({ code: 'LEDGER.CONSTRAINT_VIOLATION', message: expect.stringContaining('notifications_message_id_is_id') });
      expect(await countRows('events', 'id', event.eventId)).toBe(0);
    });

    it('creates one event from 20 concurrent identical requests (same id)', async () => {
      const event = newEvent();
      const results = await Promise.all(Array.from({ length: 20 }, () => ledger.acceptEvent(event)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      for (const r of results) {
        expect(r.eventId).toBe(event.eventId);
        expect(r.notifications.map((n) => n.id).sort()).toEqual(event.notifications.map((n) => n.id).sort());
      }
      expect(results.find((r) => !r.created)?.duplicateBy).toBe('event-id');
      expect(await countRows('events', 'id', event.eventId)).toBe(1);
      expect(await countRows('notifications', 'event_id', event.eventId)).toBe(2);
    });

    it('creates one event from 20 concurrent requests with the same body hash but new ids', async () => {
      const bodyHash = `sha256-${randomUUID()}`;
      const requests = Array.from({ length: 20 }, () => newEvent({ bodyHash }));
      const results = await Promise.all(requests.map((e) => ledger.acceptEvent(e)));
      const winners = results.filter((r) => r.created);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!;
      for (const r of results) {
        expect(r.eventId).toBe(winner.eventId);
        expect(r.notifications).toEqual(winner.notifications);
      }
      expect(results.find((r) => !r.created)?.duplicateBy).toBe('body-hash');
      expect(await countRows('events', 'body_hash', bodyHash)).toBe(1);
    });

    it('accepts a batch with in-batch and stored duplicates in one transaction', async () => {
      const stored = newEvent();
      await ledger.acceptEvent(stored);
      const fresh = newEvent();
      const repeat = { ...fresh, notifications: [newNotification()] };
      const results = await ledger.acceptEvents([fresh, stored, repeat, newEvent({ bodyHash: stored.bodyHash })]);
      expect(results.map((r) => [r.created, r.eventId])).toEqual([
        [true, fresh.eventId],
        [false, stored.eventId],
        [false, fresh.eventId],
        [false, stored.eventId],
      ]);
      expect(results[2]!.notifications.map((n) => n.id)).toEqual(fresh.notifications.map((n) => n.id));
      expect(await ledger.acceptEvents([])).toEqual([]);
    });

    it('numbers notifications in input order across the events of one batch (per-case delivery order)', async () => {
      const orderKey = `police|case-${randomUUID()}|def-1`;
      const events = Array.from({ length: 6 }, () => newEvent({ notifications: [newNotification({ orderKey }), newNotification({ orderKey })] }));
      await ledger.acceptEvents(events);
      const rows = await database.db.selectFrom('notifications').select(['id']).where('order_key', '=', orderKey).orderBy('sequence').execute();
      expect(rows.map((r) => r.id)).toEqual(events.flatMap((e) => e.notifications.map((n) => n.id)));
    });

    it('stores an event that creates no notification', async () => {
      const event = newEvent({ notifications: [] });
      expect(await ledger.acceptEvents([event])).toEqual([{ created: true, eventId: event.eventId, notifications: [] }]);
      expect(await countRows('events', 'id', event.eventId)).toBe(1);
    });

    it('splits a batch too large for one statement and keeps it all or nothing', async () => {
      // 30 notifications an event: 66 events fill one statement.
      const many = () => Array.from({ length: 30 }, () => newNotification());
      const events = Array.from({ length: 160 }, () => newEvent({ notifications: many() }));
      const results = await ledger.acceptEvents(events);
      expect(results.every((r) => r.created)).toBe(true);
      expect(await countRows('notifications', 'event_id', events[159]!.eventId)).toBe(30);
      expect(await countRows('outbox', 'notification_id', events[120]!.notifications[7]!.id)).toBe(1);

      const doomed = Array.from({ length: 160 }, () => newEvent({ notifications: many() }));
      doomed[150] = newEvent({ notifications: [newNotification({ status: 'bogus' as never })] });
      await expect(ledger.acceptEvents(doomed)).rejects.toMatchObject({ code: 'LEDGER.CONSTRAINT_VIOLATION' });
      expect(await countRows('events', 'id', doomed[0]!.eventId)).toBe(0);
      expect(await countRows('notifications', 'event_id', doomed[10]!.eventId)).toBe(0);
    });
  });

  describe('dispatch and attempts', () => {
    it('loads the notification with its event payload', async () => {
      const event = newEvent();
      await ledger.acceptEvent(event);
      const item = await ledger.loadForDispatch(event.notifications[0]!.id);
      expect(item?.payload).toEqual(event.payload);
      expect(item?.notification).toMatchObject({ id: event.notifications[0]!.id, eventId: event.eventId, status: 'pending', attempts: 0 });
      expect(item?.notification.sequence).toEqual(expect.any(Number));
      expect(await ledger.loadForDispatch('nope')).toBeUndefined();
    });

    it('records a retry then an ack, and a second ack changes nothing', async () => {
      const event = newEvent();
      await ledger.acceptEvent(event);
      const id = event.notifications[0]!.id;
      const t0 = new Date(Date.now() - 1000);

      expect(await ledger.startAttempt(id)).toBe(1);
      await expect(
        ledger.recordAttempt(id, { attemptNo: 1, startedAt: t0, finishedAt: new Date(t0.getTime() + 250), outcome: 'transport', errorCode: 'PARTNER.TIMEOUT', errorMessage: 'timed out', document: '<a/>' }, 'retrying'),
      ).resolves.toEqual({ applied: true, status: 'retrying' });

      expect(await ledger.startAttempt(id)).toBe(2);
      const ack = { attemptNo: 2, startedAt: t0, finishedAt: new Date(t0.getTime() + 40), outcome: 'success' as const, ackRef: 'ACK-1', document: '<b/>' };
      const acks = await Promise.all([ledger.recordAttempt(id, ack, 'acknowledged'), ledger.recordAttempt(id, ack, 'acknowledged')]);
      expect(acks.map((a) => a.applied).sort()).toEqual([false, true]);
      expect(acks.every((a) => a.status === 'acknowledged')).toBe(true);

      const view = await ledger.getNotification(id);
      expect(view).toMatchObject({
        status: 'acknowledged',
        contract: 'police-results@v1',
        eventId: event.eventId,
        attemptCount: 2,
        ackRef: 'ACK-1',
        document: '<b/>',
        lastError: { code: 'PARTNER.TIMEOUT', message: 'timed out' },
      });
      expect(view?.acknowledgedAt).toBeInstanceOf(Date);
      expect(view?.attempts.map((a) => [a.attemptNo, a.outcome, a.errorCode, a.durationMs])).toEqual([
        [1, 'transport', 'PARTNER.TIMEOUT', 250],
        [2, 'success', null, 40],
      ]);
      await expect(ledger.startAttempt(id)).rejects.toMatchObject({ code: 'LEDGER.NOT_DISPATCHABLE' });
    });

    it('parks, and rejects unknown ids and impossible transitions with codes', async () => {
      const event = newEvent();
      await ledger.acceptEvent(event);
      const id = event.notifications[0]!.id;
      const attemptNo = await ledger.startAttempt(id);
      const now = new Date();
      await ledger.recordAttempt(id, { attemptNo, startedAt: now, finishedAt: now, outcome: 'contract', errorCode: 'CONTRACT.XSD_INVALID' }, 'parked');
      expect(await ledger.getNotification(id)).toMatchObject({ status: 'parked', parkedAt: expect.any(Date) });

      await expect(ledger.startAttempt('missing')).rejects.toMatchObject({ code: 'LEDGER.NOT_FOUND' });
      await expect(ledger.recordAttempt('missing', { attemptNo: 1, startedAt: now, finishedAt: now, outcome: 'transport' }, 'retrying')).rejects.toBeInstanceOf(CodedError);
      await expect(ledger.recordAttempt(id, { attemptNo: 2, startedAt: now, finishedAt: now, outcome: 'success' }, 'parked')).rejects.toMatchObject({ code: 'LEDGER.INVALID_TRANSITION' });
      expect(await ledger.getNotification('missing')).toBeUndefined();
    });
  });

  describe('queries for the reconciler and operators', () => {
    it('reports counts per partner and day that add up', async () => {
      const partner = `p-${randomUUID().slice(0, 8)}`;
      const past = new Date(Date.now() - 60_000);
      const event = newEvent({
        notifications: [
          newNotification({ partner }),
          newNotification({ partner }),
          newNotification({ partner, deadlineAt: past }),
          newNotification({ partner, status: 'needs-review', deadlineAt: past }),
        ],
      });
      await ledger.acceptEvent(event);
      const [acked, parked] = event.notifications;
      const now = new Date();
      await ledger.recordAttempt(acked!.id, { attemptNo: await ledger.startAttempt(acked!.id), startedAt: now, finishedAt: now, outcome: 'success' }, 'acknowledged');
      await ledger.recordAttempt(parked!.id, { attemptNo: await ledger.startAttempt(parked!.id), startedAt: now, finishedAt: now, outcome: 'business' }, 'parked');

      const rows = await ledger.countsByPartnerAndDay(new Date(Date.now() - 86_400_000), new Date(Date.now() + 60_000));
      const mine = rows.filter((r) => r.partner === partner);
      expect(mine).toEqual([
        { partner, day: new Date().toISOString().slice(0, 10), obligated: 4, acknowledged: 1, inFlight: 1, parked: 1, needsReview: 1, dismissed: 0, overdue: 2 },
      ]);
      const m = mine[0]!;
      expect(m.acknowledged + m.inFlight + m.parked + m.needsReview + m.dismissed).toBe(m.obligated);
    });

    it('answers per-case ordering, owed work and filtered lists', async () => {
      const orderKey = `police|case-${randomUUID()}|def-1`;
      const caseUrn = `URN${randomUUID().slice(0, 8)}`;
      await ledger.acceptEvent(newEvent({ notifications: [newNotification({ orderKey, caseUrn })] }));
      await ledger.acceptEvent(newEvent({ notifications: [newNotification({ orderKey, caseUrn })] }));
      const [second, first] = await ledger.listNotifications({ caseUrn });
      expect(first!.sequence).toBeLessThan(second!.sequence);
      expect((await ledger.loadForDispatch(second!.id))?.blocker).toEqual({ id: first!.id, status: 'pending' });
      expect((await ledger.loadForDispatch(first!.id))?.blocker).toBeUndefined();
      const now = new Date();
      await ledger.recordAttempt(first!.id, { attemptNo: await ledger.startAttempt(first!.id), startedAt: now, finishedAt: now, outcome: 'success' }, 'acknowledged');
      expect((await ledger.loadForDispatch(second!.id))?.blocker).toBeUndefined();

      const owed = await ledger.findOwedNotDispatched(new Date(Date.now() + 60_000), 10_000);
      const owedIds = owed.map((o) => o.id);
      expect(owedIds).toContain(second!.id);
      expect(owedIds).not.toContain(first!.id);
      expect(await ledger.findOwedNotDispatched(new Date(0), 10)).toEqual([]);

      expect(await ledger.listNotifications({ caseUrn, status: 'acknowledged' })).toEqual([expect.objectContaining({ id: first!.id })]);
      expect(await ledger.listNotifications({ caseUrn, partner: 'nobody' })).toEqual([]);
      expect(await ledger.listNotifications({ limit: 1 })).toHaveLength(1);
      await ledger.appendAudit('test', 'replay', { ids: [first!.id] });
    });
  });
});
