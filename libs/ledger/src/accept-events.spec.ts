import { randomUUID } from 'node:crypto';
import { canonicalBodyHash } from './accept-events.js';
import { LedgerRepository } from './ledger.repository.js';
import { countRows, newEvent, newNotification, openTestDatabase, type TestDatabase } from './ledger.test-harness.js';

/** Issue 22 item 5: the same event key with the same body (canonically) is a duplicate; with another body a conflict. */
describe('acceptEvents: resends and conflicts (postgres)', () => {
  let database: TestDatabase;
  let ledger: LedgerRepository;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    ledger = new LedgerRepository(database.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** An event whose body is `text` (raw hash of the text, as the gateway computes it). */
  const withBody = (eventId: string, text: string) => {
    const payload = JSON.parse(text) as unknown;
    return newEvent({ eventId, rawBody: text, payload, payloadJson: text, bodyHash: `raw-${Buffer.from(text).toString('base64')}`, notifications: [newNotification()] });
  };

  it('same key, same body in another key order and layout → created: false with the stored ids, no conflict', async () => {
    const id = randomUUID();
    const first = withBody(id, '{"hearing":{"id":"h1","court":"A"},"sharedTime":"2026-12-01T10:00:00Z","n":1.50}');
    const again = withBody(id, '{ "sharedTime" : "2026-12-01T10:00:00Z",\n "n": 1.5, "hearing": { "court": "A", "id": "h1" } }');
    const created = await ledger.acceptEvent(first);
    const resent = await ledger.acceptEvent(again);
    expect(resent).toEqual({ created: false, eventId: id, notifications: created.notifications, duplicateBy: 'event-id' });
    expect(await countRows(database.db, 'notifications', 'event_id', id)).toBe(1);
  });

  it('same key, a different body → a conflict naming the stored event and both canonical hashes; nothing written', async () => {
    const id = randomUUID();
    const stored = '{"hearing":{"id":"h2"},"result":"fine"}';
    const changed = '{"hearing":{"id":"h2"},"result":"custody"}';
    await ledger.acceptEvent(withBody(id, stored));
    const refused = withBody(id, changed);
    const result = await ledger.acceptEvent(refused);
    expect(result).toMatchObject({
      created: false,
      eventId: id,
      notifications: [],
      conflict: { storedEventId: id, storedBodyHash: canonicalBodyHash(JSON.parse(stored)), receivedBodyHash: canonicalBodyHash(JSON.parse(changed)) },
    });
    expect(result.conflict!.storedBodyHash).not.toBe(result.conflict!.receivedBodyHash);
    expect(await countRows(database.db, 'notifications', 'id', refused.notifications[0]!.id)).toBe(0);
  });

  it('in one batch: the first occurrence is created, a same-body resend is a duplicate, a changed body a conflict', async () => {
    const id = randomUUID();
    const [a, b, c, other] = await ledger.acceptEvents([
      withBody(id, '{"x":1,"y":[1,2]}'),
      withBody(id, '{"y":[1,2],"x":1}'),
      withBody(id, '{"x":1,"y":[2,1]}'),
      withBody(randomUUID(), '{"x":2}'),
    ]);
    expect([a!.created, b!.created, b!.conflict, c!.created, other!.created]).toEqual([true, false, undefined, false, true]);
    expect(b!.notifications.map((n) => n.id)).toEqual(a!.notifications.map((n) => n.id));
    expect(c!.conflict).toEqual({ storedEventId: id, storedBodyHash: canonicalBodyHash({ x: 1, y: [1, 2] }), receivedBodyHash: canonicalBodyHash({ x: 1, y: [2, 1] }) });
  });

  it('the same bytes under another event id is still a duplicate by body hash (unchanged)', async () => {
    const text = `{"unique":"${randomUUID()}"}`;
    const first = await ledger.acceptEvent(withBody(randomUUID(), text));
    const second = await ledger.acceptEvent(withBody(randomUUID(), text));
    expect(second).toMatchObject({ created: false, eventId: first.eventId, duplicateBy: 'body-hash' });
    expect(second.conflict).toBeUndefined();
  });
});
