import { LedgerRepository } from './ledger.repository.js';
import { outboxClearRelayedMigration } from './migrations/0008-outbox-clear-relayed.migration.js';
import type { OutboxClaim } from './ledger.types.js';
import { countRows, newEvent, newNotification, openTestDatabase, type BackendKind, type TestDatabase } from './ledger.test-harness.js';

const backends: BackendKind[] = ['postgres'];

describe.each(backends)('LedgerRepository outbox on %s', (kind) => {
  let database: TestDatabase;
  let ledger: LedgerRepository;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    ledger = new LedgerRepository(database.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('never gives the same row to two concurrent claimers, takes claimed rows off the outbox, and unrelay puts rows back', async () => {
    await drain();
    const events = Array.from({ length: 30 }, () => newEvent({ notifications: [newNotification(), newNotification()] }));
    await ledger.acceptEvents(events);
    const claimer = async () => {
      const taken: OutboxClaim[] = [];
      for (;;) {
        const rows = await ledger.claimOutbox(7);
        if (rows.length === 0) return taken;
        taken.push(...rows);
      }
    };
    const [a, b] = await Promise.all([claimer(), claimer()]);
    const all = [...a, ...b].map((r) => r.outboxId);
    expect(all).toHaveLength(60);
    expect(new Set(all).size).toBe(60);
    // Claimed rows leave the outbox (the notification is the record): nothing accumulates.
    for (const e of events.slice(0, 3)) expect(await countRows(database.db, 'outbox', 'notification_id', e.notifications[0]!.id)).toBe(0);

    const putBack = a.slice(0, 3);
    await ledger.unrelayOutbox(putBack);
    const again = await ledger.claimOutbox(10);
    // Back under their own ids, so in their old order, with what the relay needs.
    expect(again).toEqual([...putBack].sort((x, y) => x.outboxId - y.outboxId));
    expect(await ledger.claimOutbox(10)).toEqual([]);
  });

  it('migration 0008 clears the rows earlier versions marked relayed, and only those', async () => {
    await drain();
    const marked = newEvent();
    const owed = newEvent();
    await ledger.acceptEvents([marked, owed]);
    const markedId = marked.notifications[0]!.id;
    const owedId = owed.notifications[0]!.id;
    await database.db.updateTable('outbox').set({ relayed_at: new Date(Date.now() - 3_600_000) }).where('notification_id', '=', markedId).execute();

    await outboxClearRelayedMigration.up(database.db);

    expect(await countRows(database.db, 'outbox', 'notification_id', markedId)).toBe(0);
    expect(await countRows(database.db, 'outbox', 'notification_id', owedId)).toBe(1);
    // The notification itself stays: it is the record.
    expect(await countRows(database.db, 'notifications', 'id', markedId)).toBe(1);
    expect((await ledger.claimOutbox(10)).map((c) => c.notificationId)).toEqual([owedId]);
  });

  async function drain() {
    while ((await ledger.claimOutbox(500)).length > 0);
  }
});
