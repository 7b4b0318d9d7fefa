import { type Server, createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { pino } from 'pino';
import { DeliveryControlRepository, LedgerRepository, type LedgerTables } from '../../../../libs/ledger/src/index.js';
import { newNotification, openTestDatabase, type TestDatabase } from '../../../../libs/ledger/src/ledger.test-harness.js';
import { REDACT_PATHS } from '../../../../libs/observability/src/logger.js';
import { createMetrics } from '../../../../libs/observability/src/metrics.js';
import { Escalator } from './escalator.js';
import type { EscalationAlert } from './escalation-alert.publisher.js';
import type { GroupAlert } from './group-alert.mapper.js';

const HOUR = 3_600_000;
const PARTNERS = ['police', 'electronic-monitoring'];
/** status, cause the alert should name, parking code */
const VARIANTS = [
  ['pending', 'in-flight', null], ['in-flight', 'in-flight', null], ['retrying', 'in-flight', null],
  ['parked', 'parked', 'CJSE.RESPONSE_1310'], ['parked', 'parked', 'PARTNER.RETRIES_EXHAUSTED'],
  ['held', 'held', null], ['needs-review', 'needs-review', null],
] as const;
/** Deadline after acceptance, and the highest level it has reached 10 h after acceptance. */
const DEADLINES = [[1 * HOUR, 'deadline-breach', 3], [10.4 * HOUR, 'deadline-90pct', 2], [15 * HOUR, 'deadline-half', 1], [30 * HOUR, null, 0]] as const;

interface Item { id: string; partner: string; status: string; cause: string; code: string | null; level: string | null; levels: number; deadlineAt: Date; caseUrn: string }

/**
 * Issue 22 item 7 on real PostgreSQL: 1,000 notifications overdue at once (a restart after a long
 * outage) alert once per partner, highest level and cause — not once per notification and level.
 */
describe('Escalator (grouped alerts, PostgreSQL)', () => {
  let database: TestDatabase;
  let statements = 0;
  let counted: Kysely<LedgerTables>;
  let hook: Server;
  let hookUrl: string;
  const posted: EscalationAlert[] = [];
  let failNextPosts = 0;
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  let t0: Date;
  const items: Item[] = [];
  const ledger = () => new LedgerRepository(database.db);

  async function seed(specs: readonly Omit<Item, 'id' | 'deadlineAt' | 'caseUrn'>[], offsets: readonly number[]): Promise<Item[]> {
    const made = specs.map((s, i) => ({ ...s, id: randomUUID(), caseUrn: `42XY${String(items.length + i).padStart(7, '0')}`, deadlineAt: new Date(t0.getTime() + offsets[i]!) }));
    const events = made.map((m) => {
      const n = newNotification({ id: m.id, messageId: m.id, partner: m.partner, caseUrn: m.caseUrn, orderKey: `${m.partner}|${m.id}|d`, deadlineAt: m.deadlineAt });
      return { eventId: randomUUID(), hearingId: `h-${m.id}`, bodyHash: `sha256-${m.id}`, rawBody: '{}', payload: {}, source: 'hearing-resulted', receivedAt: t0, notifications: [n] };
    });
    await ledger().acceptEvents(events);
    // Every row accepted at t0 exactly, so the levels reached are known to the second.
    await sql`update notifications set created_at = ${t0} where id = any(${made.map((m) => m.id)}::text[])`.execute(database.db);
    for (const key of new Set(made.map((m) => `${m.status}|${m.code ?? ''}`))) {
      const ids = made.filter((m) => `${m.status}|${m.code ?? ''}` === key).map((m) => m.id);
      const [status, code] = key.split('|');
      await sql`update notifications set status = ${status}, last_error_code = ${code || null} where id = any(${ids}::text[])`.execute(database.db);
    }
    items.push(...made);
    return made;
  }

  /** What the alerts must be, tallied from the seeded items (not from the code under test). */
  function expectedGroups(of: readonly Item[]) {
    const groups = new Map<string, { count: number; oldest: Item }>();
    for (const it of of.filter((i) => i.level)) {
      const key = [it.partner, it.level, it.cause, it.code ?? ''].join('|');
      const g = groups.get(key);
      if (!g) groups.set(key, { count: 1, oldest: it });
      else {
        g.count += 1;
        if (it.deadlineAt < g.oldest.deadlineAt) g.oldest = it;
      }
    }
    return groups;
  }
  const keyOf = (a: GroupAlert) => [a.partner, a.level, a.cause, a.errorCode ?? ''].join('|');
  const grouped = (xs: readonly EscalationAlert[]): GroupAlert[] => xs.filter((a): a is GroupAlert => a.type === 'cp-bridge.escalation-group');

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    counted = database.db.withPlugin({ transformQuery: (a) => ((statements += 1), a.node), transformResult: async (a) => a.result });
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (failNextPosts > 0) {
          failNextPosts -= 1;
          res.statusCode = 503;
        } else posted.push(JSON.parse(body) as EscalationAlert);
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/alerts`;
    t0 = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * HOUR);
  });
  afterAll(async () => {
    await new Promise((r) => hook?.close(r));
    await database?.dispose();
  });

  it('turns 1,000 overdue notifications into one alert per partner, level and cause, records every level once, and says nothing on a pass with nothing new', async () => {
    const specs = Array.from({ length: 1000 }, (_, i) => {
      const [status, cause, code] = VARIANTS[Math.floor(i / 2) % VARIANTS.length]!;
      const [, level, levels] = DEADLINES[Math.floor(i / 14) % DEADLINES.length]!;
      return { partner: PARTNERS[i % 2]!, status, cause, code, level, levels };
    });
    const offsets = specs.map((_, i) => DEADLINES[Math.floor(i / 14) % DEADLINES.length]![0] + i * 1000);
    const seeded = await seed(specs, offsets);
    // Already acknowledged work is overdue too, but owed to no one: it never alerts.
    await sql`update notifications set status = 'acknowledged' where id = any(${seeded.slice(0, 28).map((s) => s.id)}::text[])`.execute(database.db);
    const owed = seeded.slice(28);
    const metrics = createMetrics('test');
    const escalator = new Escalator(new DeliveryControlRepository(counted), log, metrics, hookUrl);
    const now = new Date(t0.getTime() + 10 * HOUR);

    statements = 0;
    const started = performance.now();
    const all = await escalator.runOnce(now);
    const ms = performance.now() - started;
    const alerts = grouped(all);
    expect(alerts).toHaveLength(all.length);
    expect(statements).toBe(2);

    const expected = expectedGroups(owed);
    expect(expected.size).toBe(PARTNERS.length * 3 * 5); // partners × levels × causes (two parking codes, one cause)
    expect(alerts).toHaveLength(expected.size);
    for (const a of alerts) {
      const e = expected.get(keyOf(a))!;
      expect(e).toBeDefined();
      expect({ count: a.count, newCount: a.newCount, oldest: a.oldest.notificationId, caseUrn: a.oldest.caseUrn }).toEqual({ count: e.count, newCount: e.count, oldest: e.oldest.id, caseUrn: e.oldest.caseUrn });
      expect(a.oldest.deadlineAt).toBe(e.oldest.deadlineAt.toISOString());
      expect(a.oldest.overdueSeconds).toBe(Math.round((now.getTime() - e.oldest.deadlineAt.getTime()) / 1000));
      expect(a.code).toBe(`ESCALATION.${a.level.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`);
    }
    expect(alerts.reduce((n, a) => n + a.count, 0)).toBe(owed.filter((o) => o.level).length);

    // The ledger records each level once per notification, as before: 3 for a breach, 2 at 90 %…
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from escalations`.execute(database.db);
    const levelsOwed = owed.reduce((n, o) => n + o.levels, 0);
    expect(rows[0]!.n).toBe(levelsOwed);
    const counter = await metrics.escalations.get();
    expect(counter.values.reduce((n, v) => n + v.value, 0)).toBe(levelsOwed);
    const alertCounter = await metrics.escalationAlerts.get();
    expect(alertCounter.values.reduce((n, v) => n + v.value, 0)).toBe(expected.size);

    // One log line and one webhook POST per group, with the same body.
    const logged = lines.filter((l) => String(l.code).startsWith('ESCALATION.DEADLINE'));
    expect(logged).toHaveLength(expected.size);
    expect(posted).toHaveLength(expected.size);
    expect(new Set(grouped(posted).map(keyOf))).toEqual(new Set(expected.keys()));
    expect(grouped(posted).find((p) => keyOf(p) === 'police|deadline-breach|parked|CJSE.RESPONSE_1310')).toEqual(alerts.find((a) => keyOf(a) === 'police|deadline-breach|parked|CJSE.RESPONSE_1310'));
    console.info(`1,000 seeded, ${owed.length} owed, ${levelsOwed} level escalations recorded → ${alerts.length} alerts, ${statements} statements, ${ms.toFixed(0)} ms`);

    statements = 0;
    lines.length = 0;
    expect(await escalator.runOnce(new Date(now.getTime() + 60_000))).toEqual([]);
    expect(await escalator.runOnce(new Date(now.getTime() + 5 * 60_000))).toEqual([]);
    expect(statements).toBe(4);
    expect(lines).toEqual([]);
    expect(posted).toHaveLength(expected.size);
    const gauge = await metrics.escalatedOwed.get();
    expect(gauge.values.find((v) => v.labels.partner === 'police' && v.labels.level === 'deadline-breach' && v.labels.cause === 'held')?.value).toBe(expected.get('police|deadline-breach|held|')!.count);
  });

  it('re-alerts a growing group at most once per interval, with the new count, and only at the highest level a notification reached', async () => {
    posted.length = 0;
    const escalator = new Escalator(new DeliveryControlRepository(database.db), log, createMetrics('test'), hookUrl, { repeatMs: 5 * 60_000 });
    const now = new Date(t0.getTime() + 10 * HOUR + 2 * HOUR);
    await escalator.runOnce(now); // whatever crossed a level since the first test's pass
    posted.length = 0;
    const before = (await escalator.runOnce(now)).length;
    expect(before).toBe(0);
    const spec = { partner: 'police', status: 'retrying', cause: 'in-flight', code: null, level: 'deadline-breach', levels: 3 };
    await seed([spec, spec, spec], [HOUR, HOUR, HOUR]);

    // The group alerted at `now` (first test's breach groups got new members at +2 h): these wait.
    const soon = await escalator.runOnce(new Date(now.getTime() + 60_000));
    expect(soon).toEqual([]);
    const due = await escalator.runOnce(new Date(now.getTime() + 5 * 60_000 + 1000));
    expect(grouped(due).map((a) => [keyOf(a), a.newCount])).toEqual([['police|deadline-breach|in-flight|', 3]]);
    expect(due).toHaveLength(1);
    const inGroup = items.filter((i) => i.partner === 'police' && i.cause === 'in-flight').length;
    expect(grouped(due)[0]!.count).toBeLessThanOrEqual(inGroup);
    expect(grouped(due)[0]!.count).toBeGreaterThan(3);
    expect(await escalator.runOnce(new Date(now.getTime() + 20 * 60_000))).toEqual([]);
    expect(posted.filter((p) => p.level !== 'deadline-breach')).toEqual([]);
  });

  it('logs a failed webhook once a pass, keeps the log line and metric, and delivers it on the next pass with the current count', async () => {
    posted.length = 0;
    lines.length = 0;
    const escalator = new Escalator(new DeliveryControlRepository(database.db), log, createMetrics('test'), hookUrl);
    const spec = { partner: 'prison', status: 'parked', cause: 'parked', code: 'CONTRACT.XSD_INVALID', level: 'deadline-breach', levels: 3 };
    const [first] = await seed([spec, spec], [2 * HOUR, 3 * HOUR]);
    const now = new Date(t0.getTime() + 14 * HOUR);
    failNextPosts = 1_000;
    const alerts = await escalator.runOnce(now);
    expect(alerts.filter((a) => a.partner === 'prison')).toHaveLength(1);
    expect(escalator.pendingWebhooks).toBeGreaterThanOrEqual(1);
    expect(lines.filter((l) => l.code === 'ESCALATION.WEBHOOK_FAILED')).toHaveLength(1);
    expect(lines.filter((l) => l.code === 'ESCALATION.DEADLINE_BREACH' && l.partner === 'prison')).toHaveLength(1);

    failNextPosts = 0;
    await seed([spec], [4 * HOUR]);
    const next = await escalator.runOnce(new Date(now.getTime() + 60_000));
    expect(next).toEqual([]); // the group alerted a minute ago; only the undelivered POST goes
    expect(escalator.pendingWebhooks).toBe(0);
    const prison = grouped(posted).filter((p) => p.partner === 'prison');
    expect(prison).toHaveLength(1);
    expect(prison[0]).toMatchObject({ level: 'deadline-breach', cause: 'parked', errorCode: 'CONTRACT.XSD_INVALID', count: 3, newCount: 2, oldest: { notificationId: first!.id, caseUrn: first!.caseUrn } });
    // Identifiers and codes only: nothing personal in what leaves the bridge.
    expect(Object.keys(prison[0]!).sort()).toEqual(['at', 'code', 'count', 'cause', 'errorCode', 'level', 'newCount', 'oldest', 'partner', 'type'].sort());
    expect(Object.keys(prison[0]!.oldest).sort()).toEqual(['caseUrn', 'criticality', 'deadlineAt', 'notificationId', 'overdueSeconds']);
  });

  it('sends each group alert once when several workers run a pass at the same moment', async () => {
    const spec = { partner: 'probation', status: 'retrying', cause: 'in-flight', code: null, level: 'deadline-breach', levels: 3 };
    await seed(Array.from({ length: 40 }, () => spec), Array.from({ length: 40 }, (_, i) => HOUR + i * 1000));
    const workers = Array.from({ length: 4 }, () => new Escalator(new DeliveryControlRepository(database.db), log, createMetrics('test'), undefined));
    const now = new Date(t0.getTime() + 14 * HOUR + 5 * 60_000);
    const alerts = grouped((await Promise.all(workers.map((w) => w.runOnce(now)))).flat()).filter((a) => a.partner === 'probation');
    expect(alerts.map((a) => [keyOf(a), a.count, a.newCount])).toEqual([['probation|deadline-breach|in-flight|', 40, 40]]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from escalations e join notifications n on n.id = e.notification_id where n.partner = 'probation'`.execute(database.db);
    expect(rows[0]!.n).toBe(120);
  });

  it('alerts event escalations (business rejection, held) once per partner and level per interval, the rest counted into one later alert', async () => {
    posted.length = 0;
    lines.length = 0;
    const metrics = createMetrics('test');
    const escalator = new Escalator(new DeliveryControlRepository(database.db), log, metrics, hookUrl, { repeatMs: 5 * 60_000 });
    const now = new Date(t0.getTime() + 14 * HOUR + 10 * 60_000);
    await escalator.runOnce(now); // settle whatever deadline groups are due at this time
    posted.length = 0;
    lines.length = 0;
    const ids = Array.from({ length: 50 }, () => randomUUID());
    for (const id of ids) await escalator.raise({ notificationId: id, partner: 'police', level: 'business-rejection' }, now);
    await escalator.raise({ notificationId: ids[0]!, partner: 'police', level: 'held-behind-predecessor' }, now);
    expect(posted.map((p) => [p.type, p.level, p.count])).toEqual([['cp-bridge.escalation', 'business-rejection', 1], ['cp-bridge.escalation', 'held-behind-predecessor', 1]]);
    expect(posted[0]).toMatchObject({ partner: 'police', cause: 'parked', notificationId: ids[0], code: 'ESCALATION.BUSINESS_REJECTION' });
    expect(lines).toHaveLength(2);

    expect(await escalator.runOnce(new Date(now.getTime() + 60_000))).toEqual([]);
    const later = await escalator.runOnce(new Date(now.getTime() + 5 * 60_000));
    expect(later).toEqual([expect.objectContaining({ type: 'cp-bridge.escalation', level: 'business-rejection', count: 49, notificationId: ids[1] })]);
    expect(posted).toHaveLength(3);
    expect(await escalator.runOnce(new Date(now.getTime() + 20 * 60_000))).toEqual([]);
    // Each notification still counts once in the per-notification metric.
    const counter = await metrics.escalations.get();
    expect(counter.values.find((v) => v.labels.level === 'business-rejection')?.value).toBe(50);
  });
});
