import { LedgerRepository } from '../../../../libs/ledger/src/ledger.repository.js';
import { newEvent, newNotification, openTestDatabase, type TestDatabase } from '../../../../libs/ledger/src/ledger.test-harness.js';
import { ConsoleQueries } from './console-queries.js';

/** The overview's per-partner counts, on PostgreSQL, each in its own schema. */
describe('ConsoleQueries.partnerStatus', () => {
  let database: TestDatabase;
  let ledger: LedgerRepository;
  let q: ConsoleQueries;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    ledger = new LedgerRepository(database.db);
    q = new ConsoleQueries(database.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const finish = async (id: string, outcome: 'success' | 'contract', next: 'acknowledged' | 'parked', finishedAt = new Date()) => {
    const attemptNo = await ledger.startAttempt(id);
    await ledger.recordAttempt(id, { attemptNo, startedAt: finishedAt, finishedAt, outcome, ...(outcome === 'success' ? { ackRef: 'A' } : { errorCode: 'CONTRACT.XSD_INVALID' }) }, next);
  };

  it('counts open, parked, needs-review, overdue and acknowledged today per partner', async () => {
    const past = new Date(Date.now() - 60_000);
    const police = (over = {}) => newNotification({ partner: 'police', ...over });
    const prison = (over = {}) => newNotification({ partner: 'prison', orderKey: `prison|${Math.random()}`, ...over });
    const event = newEvent({
      notifications: [
        police({ orderKey: 'p|1' }), police({ orderKey: 'p|2' }), police({ orderKey: 'p|3', deadlineAt: past }),
        prison(), prison(), prison({ status: 'needs-review', reviewReason: 'no prison number' }),
      ],
    });
    await ledger.acceptEvent(event);
    const [p1, p2, , s1, s2] = event.notifications.map((n) => n.id);
    await finish(p1!, 'success', 'acknowledged');
    await finish(p2!, 'contract', 'parked');
    await finish(s1!, 'success', 'acknowledged');
    await finish(s2!, 'success', 'acknowledged');

    const byPartner = Object.fromEntries((await q.partnerStatus()).map((r) => [r.partner, r]));
    expect(byPartner.police).toEqual({ partner: 'police', inFlight: 1, acknowledgedToday: 1, parked: 1, needsReview: 0, overdue: 1 });
    expect(byPartner.prison).toEqual({ partner: 'prison', inFlight: 0, acknowledgedToday: 2, parked: 0, needsReview: 1, overdue: 0 });

    // A partner with only acknowledged work still appears (the open side of the join is empty).
    const legal = newEvent({ notifications: [newNotification({ partner: 'legal-aid', orderKey: 'l|1' })] });
    await ledger.acceptEvent(legal);
    await finish(legal.notifications[0]!.id, 'success', 'acknowledged');
    expect((await q.partnerStatus()).find((r) => r.partner === 'legal-aid')).toEqual({ partner: 'legal-aid', inFlight: 0, acknowledgedToday: 1, parked: 0, needsReview: 0, overdue: 0 });

    // Acknowledged before today does not count as today.
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await q.partnerStatus(tomorrow)).find((r) => r.partner === 'prison')).toMatchObject({ acknowledgedToday: 0, needsReview: 1 });
  });
});
