import type { ColumnType, Kysely } from 'kysely';
import { guard } from './ledger.errors.js';
import type { LedgerTables } from './ledger.tables.js';
import { jsonb } from './notification-row.mapper.js';

interface ShadowResultsTable {
  notification_id: string;
  partner: string;
  pinned: string;
  shadow: string;
  differences: ColumnType<unknown, unknown, unknown>;
  difference_count: number;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

interface Tables extends LedgerTables {
  shadow_results: ShadowResultsTable;
}

/** One difference between the pinned document and the shadow's: XPath (XML) or JSON pointer (JSON). */
export interface ShadowDifference {
  readonly path: string;
  readonly pinned: string | null;
  readonly shadow: string | null;
}

export interface NewShadowResult {
  readonly notificationId: string;
  readonly partner: string;
  /** `name@vN` the notification was delivered with. */
  readonly pinned: string;
  /** `name@vN` mapped beside it, never sent. */
  readonly shadow: string;
  readonly differences: readonly ShadowDifference[];
}

export interface ShadowResult extends NewShadowResult {
  readonly differenceCount: number;
  readonly at: Date;
}

/** Shadow-run results (migration 0004): what a partner's shadow version would have sent differently. */
export class ShadowRepository {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<LedgerTables>) {
    this.db = db as unknown as Kysely<Tables>;
  }

  /** Store one comparison; a notification already compared with this shadow (a retry) is kept as first seen. Returns whether it was new. */
  record(r: NewShadowResult): Promise<boolean> {
    return guard(async () => {
      const res = await this.db
        .insertInto('shadow_results')
        .values({
          notification_id: r.notificationId,
          partner: r.partner,
          pinned: r.pinned,
          shadow: r.shadow,
          differences: jsonb(r.differences),
          difference_count: r.differences.length,
        })
        .onConflict((oc) => oc.columns(['notification_id', 'shadow']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    });
  }

  /** The last `last` shadowed notifications of a partner (optionally for one shadow version), newest first. */
  latest(partner: string, opts: { shadow?: string; last?: number } = {}): Promise<ShadowResult[]> {
    const last = Math.min(Math.max(opts.last ?? 50, 1), 10_000);
    return guard(async () => {
      let q = this.db.selectFrom('shadow_results').selectAll().where('partner', '=', partner);
      if (opts.shadow) q = q.where('shadow', '=', opts.shadow);
      const rows = await q.orderBy('at', 'desc').orderBy('notification_id').limit(last).execute();
      return rows.map((row) => ({
        notificationId: row.notification_id,
        partner: row.partner,
        pinned: row.pinned,
        shadow: row.shadow,
        differences: (row.differences ?? []) as ShadowDifference[],
        differenceCount: row.difference_count,
        at: row.at,
      }));
    });
  }
}
