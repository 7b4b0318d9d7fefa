import { randomUUID } from 'node:crypto';
import { AcceptBatcher } from './accept-batcher.js';
import { LedgerRepository } from './ledger.repository.js';
import { countRows, newEvent, newNotification, openTestDatabase, type TestDatabase } from './ledger.test-harness.js';
import type { AmendmentStep } from './accept-events.js';
import type { AcceptEventInput, AmendmentDecision, PriorEvent } from './ledger.types.js';

/** Migration 0010 and the accept path's amendment step (issue 22 item 5, ADR 0012). */
describe('event amendments (postgres)', () => {
  let database: TestDatabase;
  let ledger: LedgerRepository;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    ledger = new LedgerRepository(database.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const share = (hearingId: string, at: string, overrides: Partial<AcceptEventInput> = {}) =>
    newEvent({ hearingId, sharedTime: new Date(at), bodyHash: `h-${randomUUID()}`, payload: { hearing: { id: hearingId }, sharedTime: at }, notifications: [newNotification()], ...overrides });

  it('an event is held back for the amendment step when a stored share of its hearing is earlier: the step sees the latest earlier one', async () => {
    const h = randomUUID();
    const first = share(h, '2026-12-01T10:00:00Z');
    const second = share(h, '2026-12-01T12:00:00Z');
    const later = share(h, '2026-12-01T15:00:00Z');
    await ledger.acceptEvents([first, second, later, share(randomUUID(), '2026-12-01T09:00:00Z')]);
    const seen = new Map<string, PriorEvent>();
    const step: AmendmentStep = (input, prior) => (seen.set(input.eventId, prior), { ...input, supersedesEventId: prior.id });
    const asked = [
      share(h, '2026-12-01T13:00:00Z'), // between second and later → second
      share(h, '2026-12-01T11:00:00Z'), // a late-arriving earlier share → first, not the later ones
      share(h, '2026-12-01T09:00:00Z'), // before every stored share → none
      { ...second }, // a resend of a stored share → compared with the one before it, then a plain duplicate
      share(h, '2026-12-01T13:00:00Z', { sharedTime: undefined }), // no sharedTime → never an amendment
    ];
    const results = await ledger.acceptEvents(asked, step);
    expect(asked.map((e) => seen.get(e.eventId)?.id)).toEqual([second.eventId, first.eventId, undefined, first.eventId, undefined]);
    expect(results.map((r) => [r.created, r.supersedesEventId])).toEqual([
      [true, second.eventId],
      [true, first.eventId],
      [true, undefined],
      [false, undefined],
      [true, undefined],
    ]);
    expect(seen.get(asked[0]!.eventId)!.payload).toEqual(second.payload);
    expect(seen.get(asked[0]!.eventId)!.sharedTime.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(results[3]!.notifications.map((x) => x.id)).toEqual(second.notifications.map((x) => x.id));
  });

  it('without an amendment step, a later share is linked to the one it supersedes and owes everything', async () => {
    const h = randomUUID();
    const first = share(h, '2026-12-05T10:00:00Z');
    await ledger.acceptEvent(first);
    const next = share(h, '2026-12-05T11:00:00Z');
    expect(await ledger.acceptEvent(next)).toMatchObject({ created: true, supersedesEventId: first.eventId, notifications: [{ id: next.notifications[0]!.id }], unchanged: [] });
  });

  it('an amendment is stored with its link and decisions; a partner decided "no change" gets no notification or outbox row', async () => {
    const h = randomUUID();
    const first = share(h, '2026-12-02T10:00:00Z');
    await ledger.acceptEvent(first);
    const police = newNotification();
    const em = newNotification({ partner: 'electronic-monitoring', contract: 'electronic-monitoring', orderKey: 'em|case-1|def-1' });
    const decision: AmendmentDecision = { partner: 'electronic-monitoring', contract: 'electronic-monitoring', contractVersion: 'v1', caseId: 'case-1', defendantId: 'def-1', decision: 'no-change', reason: 'same order' };
    const amendment = share(h, '2026-12-02T11:00:00Z', { supersedesEventId: first.eventId, notifications: [police], decisions: [decision] });
    const result = await ledger.acceptEvent(amendment);
    expect(result).toMatchObject({
      created: true,
      supersedesEventId: first.eventId,
      notifications: [{ id: police.id, partner: 'police' }],
      unchanged: [{ partner: 'electronic-monitoring', contract: 'electronic-monitoring@v1', caseId: 'case-1', defendantId: 'def-1', reason: 'same order' }],
    });
    expect(await countRows(database.db, 'notifications', 'id', em.id)).toBe(0);
    const stored = await database.db.selectFrom('events').select(['supersedes_event_id', 'shared_time']).where('id', '=', amendment.eventId).executeTakeFirstOrThrow();
    expect([stored.supersedes_event_id, stored.shared_time?.toISOString()]).toEqual([first.eventId, '2026-12-02T11:00:00.000Z']);
    const decisions = await database.db.selectFrom('amendment_decisions').selectAll().where('event_id', '=', amendment.eventId).execute();
    expect(decisions).toEqual([expect.objectContaining({ supersedes_event_id: first.eventId, partner: 'electronic-monitoring', contract_version: 'v1', decision: 'no-change', reason: 'same order' })]);
  });

  it('an amendment that owes nobody anything: the event and its decisions, no notifications; a resend of it writes nothing more', async () => {
    const h = randomUUID();
    const first = share(h, '2026-12-03T10:00:00Z');
    await ledger.acceptEvent(first);
    const decision: AmendmentDecision = { partner: 'police', contract: 'police-results', contractVersion: 'v1', caseId: 'case-1', defendantId: 'def-1', decision: 'no-change', reason: 'same message' };
    const amendment = share(h, '2026-12-03T11:00:00Z', { supersedesEventId: first.eventId, notifications: [], decisions: [decision] });
    expect(await ledger.acceptEvent(amendment)).toMatchObject({ created: true, notifications: [], unchanged: [{ partner: 'police' }] });
    expect(await ledger.acceptEvent({ ...amendment })).toMatchObject({ created: false, eventId: amendment.eventId, notifications: [] });
    expect(await countRows(database.db, 'notifications', 'event_id', amendment.eventId)).toBe(0);
    const n = await database.db.selectFrom('amendment_decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', '=', amendment.eventId).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('AcceptBatcher hands its amendment step to the batch: only events that supersede a stored share go through it', async () => {
    const h = randomUUID();
    await ledger.acceptEvent(share(h, '2026-12-04T10:00:00Z'));
    const seen: string[] = [];
    const batcher = new AcceptBatcher(ledger, 10, 5, 1, (input, prior) => {
      seen.push(`${input.eventId}<${prior.id}`);
      return { ...input, supersedesEventId: prior.id, notifications: [], decisions: [] };
    });
    const amendment = share(h, '2026-12-04T11:00:00Z');
    const fresh = share(randomUUID(), '2026-12-04T11:00:00Z');
    const [a, b] = await Promise.all([batcher.accept(amendment), batcher.accept(fresh)]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.startsWith(`${amendment.eventId}<`)).toBe(true);
    expect([a.created, a.supersedesEventId !== undefined, a.notifications, b.created, b.supersedesEventId, b.notifications.length]).toEqual([true, true, [], true, undefined, 1]);
  });
});
