import { type Kysely, sql } from 'kysely';
import type { LedgerTables } from './ledger.tables.js';

/** A deadline level: `fraction` of the way from acceptance to deadline (1 = breach). */
export interface EscalationLevelSpec {
  readonly name: string;
  readonly fraction: number;
}

/** How many notification-level escalations one pass recorded, per partner and level. */
export interface EscalationsRecorded {
  readonly partner: string;
  readonly level: string;
  readonly count: number;
}

/**
 * One alert group: owed notifications of a partner whose highest recorded level is `level`, owed
 * for the same cause. `newCount` > 0 means this caller claimed the group's alert and must send it.
 */
export interface EscalationGroup {
  readonly partner: string;
  readonly level: string;
  /** Why it is owed: in-flight (pending, in flight, retrying) or the status itself (parked, held, needs-review…). */
  readonly cause: string;
  /** The parking code, for cause `parked`. */
  readonly errorCode: string | null;
  /** Notifications in the group now. */
  readonly count: number;
  /** Notifications escalated into the group since its last alert; 0 = nothing to send. */
  readonly newCount: number;
  /** The group's earliest deadline: the most overdue item. */
  readonly oldest: { readonly notificationId: string; readonly caseUrn: string | null; readonly criticality: string; readonly deadlineAt: Date };
}

// Work the escalator watches: everything not acknowledged or dismissed.
const OWED = ['pending', 'in-flight', 'retrying', 'held', 'needs-review', 'parked'];

/*
 * The cause is derived in one place: the moving states share "in-flight"; every other owed status
 * is its own cause (so a status added to OWED, e.g. needs-review, groups without new code).
 */
const cause = sql`case when n.status in ('pending', 'in-flight', 'retrying') then 'in-flight' else n.status end`;
const errorCode = sql`case when n.status = 'parked' then coalesce(n.last_error_code, '') else '' end`;

const levelTable = (levels: readonly EscalationLevelSpec[]) =>
  sql`select * from unnest(${levels.map((l) => l.name)}::text[], ${levels.map((l) => l.fraction)}::float8[], ${levels.map((_, i) => i)}::int[]) as t(name, fraction, rank)`;

/**
 * One statement: record every level now due for up to `limit` notifications (each level once per
 * notification; the primary key decides across workers), and add each notification, under the
 * highest level it reached in this pass only, to its alert group's pending count.
 */
export async function recordDueEscalations(db: Kysely<LedgerTables>, levels: readonly EscalationLevelSpec[], now: Date, limit: number): Promise<EscalationsRecorded[]> {
  const { rows } = await sql<EscalationsRecorded>`
    with levels as (${levelTable(levels)}),
    unfired as (
      select n.id, n.deadline_at, l.name from notifications n cross join levels l
      where n.status = any(${OWED}::text[])
        and n.created_at + (n.deadline_at - n.created_at) * l.fraction <= ${now}
        and not exists (select 1 from escalations e where e.notification_id = n.id and e.level = l.name)
    ),
    -- The most urgent first; all of a notification's due levels in the same pass.
    picked as (select id from unfired group by id, deadline_at order by deadline_at, id limit ${limit}),
    ins as (
      -- In key order, so workers inserting the same rows at once wait for each other, never deadlock.
      insert into escalations (notification_id, level) select u.id, u.name from unfired u join picked p on p.id = u.id order by 1, 2
      on conflict do nothing returning notification_id, level
    ),
    top as (
      select distinct on (ins.notification_id) ins.notification_id as id, ins.level
      from ins join levels l on l.name = ins.level order by ins.notification_id, l.rank desc
    ),
    grouped as (
      select n.partner, top.level, ${cause} as cause, ${errorCode} as error_code, count(*)::int as n
      from top join notifications n on n.id = top.id group by 1, 2, 3, 4
    ),
    pending as (
      insert into escalation_alerts (partner, level, cause, error_code, pending) select * from grouped order by 1, 2, 3, 4
      on conflict (partner, level, cause, error_code) do update set pending = escalation_alerts.pending + excluded.pending
    )
    select n.partner, ins.level, count(*)::int as count from ins join notifications n on n.id = ins.notification_id group by 1, 2`.execute(db);
  return rows;
}

/**
 * One statement: every alert group as it stands (count and most overdue item, for gauges), and
 * the alerts this caller claims — groups with something new whose last alert is older than
 * `repeatMs` (a first alert goes at once). Claiming resets the pending count and stamps the time
 * under row locks skipped by other workers, so each alert is sent by one worker once.
 */
export async function claimEscalationGroups(db: Kysely<LedgerTables>, levels: readonly EscalationLevelSpec[], now: Date, repeatMs: number): Promise<EscalationGroup[]> {
  const { rows } = await sql<Omit<EscalationGroup, 'oldest'> & { oldestId: string; caseUrn: string | null; criticality: string; deadlineAt: Date }>`
    with levels as (${levelTable(levels)}),
    members as (
      select n.id, n.partner, n.case_urn, n.criticality, n.deadline_at, top.level, ${cause} as cause, ${errorCode} as error_code
      from notifications n
      cross join lateral (
        select e.level from escalations e join levels l on l.name = e.level
        where e.notification_id = n.id order by l.rank desc limit 1
      ) top
      where n.status = any(${OWED}::text[])
    ),
    groups as (select partner, level, cause, error_code, count(*)::int as total from members group by 1, 2, 3, 4),
    oldest as (
      select distinct on (partner, level, cause, error_code) partner, level, cause, error_code, id, case_urn, criticality, deadline_at
      from members order by partner, level, cause, error_code, deadline_at, id
    ),
    claimable as (
      select a.partner, a.level, a.cause, a.error_code, a.pending, g.total from escalation_alerts a
      left join groups g using (partner, level, cause, error_code)
      where a.pending > 0 and (a.last_alerted_at is null or a.last_alerted_at <= ${now}::timestamptz - make_interval(secs => ${repeatMs / 1000}))
      for update of a skip locked
    ),
    claimed as (
      -- A group emptied before its alert just forgets its pending count: nothing is left to say.
      update escalation_alerts a set pending = 0, last_alerted_at = case when c.total is null then a.last_alerted_at else ${now} end
      from claimable c where (a.partner, a.level, a.cause, a.error_code) = (c.partner, c.level, c.cause, c.error_code)
      returning a.partner, a.level, a.cause, a.error_code, c.pending
    )
    select g.partner, g.level, g.cause, nullif(g.error_code, '') as "errorCode", g.total as count, coalesce(c.pending, 0) as "newCount",
      o.id as "oldestId", o.case_urn as "caseUrn", o.criticality, o.deadline_at as "deadlineAt"
    from groups g join oldest o using (partner, level, cause, error_code)
    left join claimed c using (partner, level, cause, error_code)
    order by g.partner, g.level, g.cause, g.error_code`.execute(db);
  return rows.map(({ oldestId, caseUrn, criticality, deadlineAt, ...g }) => ({ ...g, oldest: { notificationId: oldestId, caseUrn, criticality, deadlineAt } }));
}
