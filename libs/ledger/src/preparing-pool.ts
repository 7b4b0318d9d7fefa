import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/*
 * Kysely's pg driver sends every query unnamed, so PostgreSQL parses and plans it each time. This
 * wrapper gives parameterised statements a stable name derived from their SQL text, so each pooled
 * connection parses them once. The name cache is bounded: past the cap, new shapes go unnamed
 * rather than growing server memory (multi-row inserts make one shape per row count).
 */
const MAX_NAMED_SHAPES = 2000;

/**
 * Marks a statement whose best plan depends on its arguments (how many ids a batch array holds,
 * how big the tables are now). It is sent unnamed, so PostgreSQL plans it for the values at hand
 * every time; a named statement switches to a cached generic plan after five runs, and for the
 * dispatch batches that plan was measured to scan `events` (ADR 0005, addendum; since addendum 2
 * the claim reads events by primary key only and is named again).
 */
export const PLAN_PER_RUN = '/* plan-per-run */';

export class PreparingPool implements PostgresPool {
  readonly #names = new Map<string, string>();
  readonly #clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  constructor(private readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    let wrapped = this.#clients.get(client);
    if (!wrapped) {
      wrapped = this.#wrap(client);
      this.#clients.set(client, wrapped);
    }
    return wrapped;
  }

  end(): Promise<void> {
    return this.pool.end();
  }

  #nameFor(text: string): string | undefined {
    let name = this.#names.get(text);
    if (name === undefined && this.#names.size < MAX_NAMED_SHAPES) {
      name = `ledger_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      this.#names.set(text, name);
    }
    return name;
  }

  #wrap(client: pg.PoolClient): PostgresPoolClient {
    const query = (textOrCursor: unknown, values?: readonly unknown[]): unknown => {
      // Streaming cursors and parameterless statements (BEGIN, DDL, locks) pass straight through.
      if (typeof textOrCursor !== 'string' || !values || values.length === 0) {
        return (client.query as (...args: unknown[]) => unknown)(textOrCursor, values);
      }
      const name = textOrCursor.startsWith(PLAN_PER_RUN) ? undefined : this.#nameFor(textOrCursor);
      return name
        ? client.query({ name, text: textOrCursor, values: values as unknown[] })
        : client.query(textOrCursor, values as unknown[]);
    };
    return { query, release: () => client.release() } as unknown as PostgresPoolClient;
  }
}
