import { Queue, Worker, createPostgresBackend, withBackend, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { queueName } from '../queues.js';
import { WorkerPresence } from './worker-presence.js';

/**
 * Where the work to do waits (ADR 0013). The ledger is always the record; this is only the
 * queue: Redis (BullMQ's Redis backend, production's default) when a Redis URL is given, else
 * BullMQ's PostgreSQL backend on the ledger's own server — the embedded default needs nothing
 * but Node. The same Queue/Worker API either way; what differs is kept behind this interface.
 */
export interface DispatchBackend {
  readonly kind: 'redis' | 'postgres';
  /** For people: where the queues are. */
  readonly location: string;
  /** The Redis connection, for what only Redis has (safety checks, bull-board); undefined on PostgreSQL. */
  readonly redis?: Redis;
  openQueues(partners: readonly string[]): Map<string, Queue>;
  newWorker(partner: string, processor: Processor, options: Omit<WorkerOptions, 'connection' | 'prefix'>): Worker;
  /**
   * Called once by a worker process before its workers start. PostgreSQL: registers it as alive
   * and, when no other worker is, moves the jobs a dead one left active back to waiting at once
   * (worker-presence.ts); returns how many. Redis: 0 (BullMQ's lock expiry finds them).
   */
  joinAsWorker(): Promise<number>;
  /**
   * True when joinAsWorker found no other worker alive (PostgreSQL only): then no relay anywhere
   * is between claiming an outbox row and enqueueing it, and what is owed but held by no queue can
   * be repaired at once rather than after the reconciler's grace period.
   */
  joinedAlone(): boolean;
  /**
   * BullMQ state of many jobs of one partner's queue at once ('unknown' when absent), or
   * undefined where the backend has no set-based read (Redis: per-job getJobState is cheap there).
   */
  readonly jobStates?: (partner: string, ids: readonly string[]) => Promise<Map<string, string>>;
  /** Breaker states published by workers, read by the console (partner → closed | open | half-open). */
  publishBreaker(partner: string, state: string): Promise<void>;
  breakers(): Promise<Record<string, string> | null>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DispatchBackendOptions {
  /** Redis for the queues; without one they live in PostgreSQL at databaseUrl. */
  readonly redisUrl?: string;
  readonly databaseUrl: string;
  /** Redis key prefix, or the PostgreSQL schema's stem (`<prefix>_queues`): tests isolate themselves with their own. */
  readonly prefix: string;
  /** BullMQ connection events worth a log line. */
  readonly onError?: (error: Error) => void;
}

export function openDispatchBackend(options: DispatchBackendOptions): DispatchBackend {
  return options.redisUrl ? redisBackend(options.redisUrl, options) : postgresBackend(options);
}

function redisBackend(url: string, options: DispatchBackendOptions): DispatchBackend {
  const { prefix } = options;
  const connection = new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true });
  connection.on('error', (e: Error) => options.onError?.(e));
  // One connection per BullMQ Worker (it blocks on it). BullMQ does not close a connection it was
  // handed, so these are closed here after the workers; left open they keep the process alive.
  const duplicates: Redis[] = [];
  const safeUrl = new URL(url);
  safeUrl.password = '';
  return {
    kind: 'redis',
    location: `Redis at ${safeUrl.host}`,
    redis: connection,
    openQueues: (partners) => new Map(partners.map((p) => [p, new Queue(queueName(p), { connection, prefix })])),
    newWorker(partner, processor, workerOptions) {
      const own = connection.duplicate();
      duplicates.push(own);
      return new Worker(queueName(partner), processor, { ...workerOptions, connection: own, prefix });
    },
    joinAsWorker: async () => 0,
    joinedAlone: () => false,
    publishBreaker: async (partner, state) => void (await connection.hset(`${prefix}:breakers`, partner, state)),
    breakers: () => connection.hgetall(`${prefix}:breakers`).catch(() => null),
    ping: async () => (await connection.ping()) === 'PONG',
    async close() {
      duplicates.forEach((c) => c.disconnect());
      connection.disconnect();
    },
  };
}

const QUEUE_SCHEMA = /[^a-z0-9_]/g;

function postgresBackend(options: DispatchBackendOptions): DispatchBackend {
  const schema = `${options.prefix.toLowerCase().replace(QUEUE_SCHEMA, '_')}_queues`.slice(0, 63);
  const Pg = withBackend(createPostgresBackend);
  // Each Queue/Worker owns a small pool and one LISTEN session; migrations run once, under BullMQ's lock.
  const connection = (max: number) => ({ connectionString: options.databaseUrl, schema, migrate: true, max, keepAlive: true });
  const board = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  board.on('error', (e) => options.onError?.(e));
  let boardReady: Promise<unknown> | undefined;
  const ensureBoard = () =>
    (boardReady ??= board
      .query(`create schema if not exists "${schema}"; create table if not exists "${schema}".partner_breakers (partner text primary key, state text not null, changed_at timestamptz not null default now())`)
      .catch((e: Error) => {
        boardReady = undefined; // a racing creator won, or the server is away: try again next time
        throw e;
      }));
  const presence = new WorkerPresence(options.databaseUrl, schema, options.onError);
  const where = new URL(options.databaseUrl);
  return {
    kind: 'postgres',
    location: `PostgreSQL at ${where.hostname}:${where.port || 5432} (schema ${schema})`,
    openQueues: (partners) =>
      new Map(
        partners.map((p) => {
          const queue = new Pg.Queue(queueName(p), { connection: connection(2) }) as unknown as Queue;
          // A Queue re-emits its pool's errors (e.g. 57P01 when the server is killed): unheard, an 'error' event ends the process.
          queue.on('error', (e: Error) => options.onError?.(e));
          return [p, queue];
        }),
      ),
    newWorker: (partner, processor, workerOptions) =>
      new Pg.Worker(queueName(partner), processor, { ...workerOptions, connection: connection(4) }) as unknown as Worker,
    joinAsWorker: async () => (await presence.join()).length,
    joinedAlone: () => presence.alone,
    // One query per chunk instead of a round trip per job: the reconciler checks every owed notification.
    async jobStates(partner, ids) {
      const { rows } = await board.query<{ id: string; state: string }>(`select id, state::text as state from "${schema}".job where queue = $1 and id = any($2::text[])`, [queueName(partner), ids]);
      const found = new Map(rows.map((r) => [r.id, r.state]));
      return new Map(ids.map((id) => [id, found.get(id) ?? 'unknown']));
    },
    async publishBreaker(partner, state) {
      await ensureBoard();
      await board.query(
        `insert into "${schema}".partner_breakers (partner, state) values ($1, $2) on conflict (partner) do update set state = excluded.state, changed_at = now()`,
        [partner, state],
      );
    },
    async breakers() {
      try {
        await ensureBoard();
        const { rows } = await board.query<{ partner: string; state: string }>(`select partner, state from "${schema}".partner_breakers`);
        return Object.fromEntries(rows.map((r) => [r.partner, r.state]));
      } catch {
        return null;
      }
    },
    ping: async () => (await board.query('select 1')).rowCount === 1,
    async close() {
      await presence.close();
      await board.end();
    },
  };
}
