import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DeliveryControlRepository } from './delivery-control.repository.js';
import { BatchedDispatchStore } from './dispatch-store.js';
import { LedgerRepository } from './ledger.repository.js';
import { newEvent, newNotification, openTestDatabase, type TestDatabase } from './ledger.test-harness.js';
import type { NewNotification } from './ledger.types.js';
import { ReviewRepository } from './review.repository.js';

const EVIDENCE = [{ code: 'EM.PROMPT_LABEL', path: '$.hearing.prosecutionCases[0].defendants[0].offences[0].judicialResults[0].judicialResultPrompts[2].label', detail: 'Curfew (electronically monitored)' }];

/** Review decisions on real PostgreSQL (issue 22): send, dismiss, refusals, races, held successors, reconciliation, escalation. */
describe('ReviewRepository on postgres', () => {
  let database: TestDatabase;
  let ledger: LedgerRepository;
  let reviews: ReviewRepository;
  let control: DeliveryControlRepository;
  let store: BatchedDispatchStore;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    ledger = new LedgerRepository(database.db);
    reviews = new ReviewRepository(database.db);
    control = new DeliveryControlRepository(database.db);
    store = new BatchedDispatchStore(database.db, { maxBatch: 10 });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const partner = () => `em-${randomUUID().slice(0, 8)}`;
  const review = (p: string, extra: Partial<NewNotification> = {}) =>
    newNotification({ partner: p, orderKey: `${p}|case|def-${randomUUID()}`, status: 'needs-review', reviewReason: 'results may impose electronic monitoring: confirm', reviewEvidence: EVIDENCE, ...extra });
  const accept = async (...notifications: NewNotification[]) => {
    await ledger.acceptEvent(newEvent({ notifications }));
    return notifications.map((n) => n.id);
  };
  const outboxFor = async (id: string) => Number((await sql<{ n: number }>`select count(*)::int as n from outbox where notification_id = ${id}`.execute(database.db)).rows[0]!.n);
  const ack = async (id: string) => {
    const t = new Date();
    await store.recordAttempt(id, { attemptNo: await store.startAttempt(id), startedAt: t, finishedAt: t, outcome: 'success', ackRef: 'OK' }, 'acknowledged');
  };
  /** A successor the worker found blocked and held (what dispatchNotification does). */
  const heldBehind = async (predecessor: NewNotification) => {
    const [id] = await accept(newNotification({ partner: predecessor.partner, orderKey: predecessor.orderKey }));
    expect((await store.load(id!))?.blocker).toEqual({ id: predecessor.id, status: 'needs-review' });
    expect(await control.hold(id!, `held behind ${predecessor.id} (needs-review)`)).toBe(true);
    await sql`delete from outbox where notification_id = ${id!}`.execute(database.db); // the relay took it
    return id!;
  };

  it('lists what awaits a person with the rule\'s evidence, deadline and held successors; filters and pages', async () => {
    const p = partner();
    const first = review(p, { deadlineAt: new Date(Date.now() + 60_000) });
    const second = review(p, { reviewReason: 'defendant may be legally aided: confirm', deadlineAt: new Date(Date.now() + 120_000) });
    await accept(first, second, review(partner()));
    await heldBehind(first);

    const page = await reviews.list({ partner: p });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.id)).toEqual([first.id, second.id]); // soonest deadline first
    expect(page.items[0]).toMatchObject({ partner: p, contract: 'police-results@v1', caseUrn: first.caseUrn, reason: first.reviewReason, evidence: EVIDENCE, heldSuccessors: 1 });
    expect(page.items[1]).toMatchObject({ heldSuccessors: 0 });
    expect((await reviews.list({ partner: p, reason: 'LEGALLY' })).items.map((i) => i.id)).toEqual([second.id]);
    expect((await reviews.list({ partner: p, reason: '%' })).total).toBe(0); // a wildcard is a character, not a pattern
    expect((await reviews.list({ partner: p, minAgeMs: 3_600_000 })).total).toBe(0);
    const second2 = await reviews.list({ partner: p, limit: 1, offset: 1 });
    expect(second2).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: second.id }] });
    expect((await reviews.countByPartner()).find((c) => c.partner === p)).toEqual({ partner: p, count: 2 });
  });

  it('send puts it on the normal path (pending + outbox), records who/when/why and audits it; a second decision is refused', async () => {
    const n = review(partner());
    await accept(n);
    expect(await outboxFor(n.id)).toBe(0);

    const result = await reviews.decide(n.id, 'send', { actor: 'api:platform-dev', reason: 'curfew is monitored' });
    expect(result).toEqual({ id: n.id, decision: 'send', status: 'pending', released: [] });
    expect(await outboxFor(n.id)).toBe(1);
    const view = await ledger.getNotification(n.id);
    expect(view).toMatchObject({ status: 'pending', review: { reason: n.reviewReason, evidence: EVIDENCE, decision: { decision: 'send', reason: 'curfew is monitored', decidedBy: 'api:platform-dev', decidedAt: expect.any(Date) } } });
    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'review.send').execute();
    expect(audit.find((a) => (a.detail as { notificationId: string }).notificationId === n.id)).toMatchObject({ actor: 'api:platform-dev' });

    await expect(reviews.decide(n.id, 'dismiss', { actor: 'console:operator', reason: 'late' })).rejects.toMatchObject({ code: 'REVIEW.NOT_PENDING' });
    await expect(reviews.decide(randomUUID(), 'send', { actor: 'api:x' })).rejects.toMatchObject({ code: 'NOTIFICATION.NOT_FOUND' });
    // A notification that never needed review has no review view at all.
    const [plain] = await accept(newNotification());
    expect((await ledger.getNotification(plain!))?.review).toBeNull();
    await expect(reviews.decide(plain!, 'send', { actor: 'api:x' })).rejects.toMatchObject({ code: 'REVIEW.NOT_PENDING' });
  });

  it('dismiss needs a reason, is final, and releases held successors at once, in order, which its status no longer blocks', async () => {
    const n = review(partner());
    await accept(n);
    const a = await heldBehind(n);
    const b = await heldBehind(n);
    await expect(reviews.decide(n.id, 'dismiss', { actor: 'api:x', reason: '  ' })).rejects.toMatchObject({ code: 'REVIEW.REASON_REQUIRED' });
    expect((await ledger.getNotification(n.id))?.status).toBe('needs-review');

    const result = await reviews.decide(n.id, 'dismiss', { actor: 'console:operator', reason: 'curfew is not monitored' });
    expect(result).toMatchObject({ status: 'dismissed', released: [a, b] });
    expect(await outboxFor(n.id)).toBe(0);
    expect((await ledger.getNotification(a))?.status).toBe('pending');
    const { rows } = await sql<{ notification_id: string }>`select notification_id from outbox where notification_id in (${a}, ${b}) order by id`.execute(database.db);
    expect(rows.map((r) => r.notification_id)).toEqual([a, b]);
    const claimed = await store.claim(a);
    expect(claimed?.blocker).toBeUndefined();
    expect(claimed?.attemptNo).toBe(1);
    expect((await ledger.getNotification(n.id))?.review?.decision).toMatchObject({ decision: 'dismiss', reason: 'curfew is not monitored', decidedBy: 'console:operator' });
  });

  it('after send, held successors wait until it is acknowledged, then follow (the parked-predecessor release)', async () => {
    const n = review(partner());
    await accept(n);
    const s = await heldBehind(n);
    await reviews.decide(n.id, 'send', { actor: 'api:x' });
    expect((await ledger.getNotification(s))?.status).toBe('held');
    expect((await reviews.list({ partner: n.partner })).total).toBe(0);
    await ack(n.id);
    expect((await ledger.getNotification(s))?.status).toBe('pending');
    expect(await outboxFor(s)).toBe(1);
  });

  it('of concurrent decisions on one notification exactly one wins; the rest are told it is not pending', async () => {
    const n = review(partner());
    await accept(n);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => reviews.decide(n.id, i % 2 ? 'send' : 'dismiss', { actor: `api:client-${i}`, reason: `reason ${i}` })),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const o of outcomes.filter((x) => x.status === 'rejected')) expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'REVIEW.NOT_PENDING' });
    const decisions = await database.db.selectFrom('review_decisions').selectAll().where('notification_id', '=', n.id).execute();
    expect(decisions).toHaveLength(1);
    const audits = (await database.db.selectFrom('audit_log').select('detail').where('action', 'like', 'review.%').execute()).filter((a) => (a.detail as { notificationId: string }).notificationId === n.id);
    expect(audits).toHaveLength(1);
    expect(await outboxFor(n.id)).toBe(decisions[0]!.decision === 'send' ? 1 : 0);
  });

  it('reconciliation has its own columns for awaiting a person and dismissed, and every column adds up to obligated', async () => {
    const p = partner();
    const past = new Date(Date.now() - 1000);
    const [waiting, dismissed, sent, , acked] = await accept(
      review(p, { deadlineAt: past }),
      review(p, { deadlineAt: past }),
      review(p),
      newNotification({ partner: p, orderKey: `${p}|x|1` }),
      newNotification({ partner: p, orderKey: `${p}|x|2` }),
    );
    await reviews.decide(dismissed!, 'dismiss', { actor: 'api:x', reason: 'not monitored' });
    await reviews.decide(sent!, 'send', { actor: 'api:x' });
    await ack(acked!);
    const day = (await ledger.countsByPartnerAndDay(new Date(Date.now() - 86_400_000), new Date(Date.now() + 86_400_000))).find((r) => r.partner === p)!;
    expect(day).toMatchObject({ obligated: 5, acknowledged: 1, inFlight: 2, parked: 0, needsReview: 1, dismissed: 1 });
    expect(day.acknowledged + day.inFlight + day.parked + day.needsReview + day.dismissed).toBe(day.obligated);
    // The dismissed one is past its deadline too, but nothing is owed any more: only the waiting one is overdue.
    expect(day.overdue).toBe(1);
    expect(waiting).toBeDefined();
  });

  it('escalates an item awaiting a person like any owed one, and stops once it is dismissed', async () => {
    const created = new Date(Date.now() - 10_000);
    const [waiting, dismissed] = await accept(review(partner(), { deadlineAt: new Date(Date.now() + 10_000) }), review(partner(), { deadlineAt: new Date(Date.now() + 10_000) }));
    await sql`update notifications set created_at = ${created} where id in (${waiting}, ${dismissed})`.execute(database.db);
    await reviews.decide(dismissed!, 'dismiss', { actor: 'api:x', reason: 'no order' });
    const levels = [{ name: 'deadline-half', fraction: 0.5 }];
    await control.recordDueEscalations(levels);
    const groups = await control.claimEscalationGroups(levels, new Date(), 0);
    const mine = groups.filter((g) => g.oldest.notificationId === waiting || g.oldest.notificationId === dismissed);
    // One group, awaiting a person, holding the waiting item only: the dismissed one no longer escalates.
    expect(mine).toEqual([expect.objectContaining({ level: 'deadline-half', cause: 'needs-review', count: 1, newCount: 1, oldest: expect.objectContaining({ notificationId: waiting }) })]);
    const { rows } = await sql<{ notification_id: string }>`select notification_id from escalations where notification_id in (${waiting}, ${dismissed})`.execute(database.db);
    expect(rows.map((r) => r.notification_id)).toEqual([waiting]);
  });
});
