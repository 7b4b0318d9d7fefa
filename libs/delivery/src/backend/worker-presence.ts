import pg from 'pg';

/**
 * Who is working the queues of one PostgreSQL queue schema, and what a dead worker left behind.
 *
 * BullMQ finds a dead worker's active jobs only when their lock has expired and two stalled
 * passes have seen them: lockDuration (30 s) plus up to two stalledIntervals (30 s each). After a
 * SIGKILL of `cp-bridge start` that is up to a minute and a half in which the partners the dead
 * process was talking to get nothing — and every later notification of those cases waits behind
 * them (per-case order). Here every live worker holds a shared advisory lock on the schema for
 * its lifetime, on its own session; a worker that starts and can take the same lock exclusively
 * knows no other worker is alive (a killed process's session, and its lock, end with it), so
 * every job still `active` is an orphan and goes back to waiting at once, through BullMQ's own
 * stalled-job function (events, stalled counter, wake-up). When another worker is alive nothing
 * is touched: its active jobs may be its own, and BullMQ's lock expiry decides.
 */
export class WorkerPresence {
  private client: pg.Client | undefined;
  private closed = false;
  /** Whether the last join found no other worker alive (then nothing else can be mid-enqueue either). */
  alone = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly schema: string,
    private readonly onError?: (error: Error) => void,
  ) {}

  private get key(): string {
    return `cp-bridge:queue-workers:${this.schema}`;
  }

  /** Joins as a worker; returns the ids of orphaned active jobs moved back to waiting (none when another worker is alive). */
  async join(): Promise<string[]> {
    const client = await this.connect();
    const { rows } = await client.query<{ alone: boolean }>(`select pg_try_advisory_lock(hashtext($1)) as alone`, [this.key]);
    this.alone = Boolean(rows[0]?.alone);
    if (!this.alone) {
      await client.query(`select pg_advisory_lock_shared(hashtext($1))`, [this.key]);
      return [];
    }
    try {
      return await this.reclaimActive(client);
    } finally {
      // Keep presence (shared) before letting go of the exclusive lock: there is no gap in which
      // another starting worker could take this one's jobs for orphans.
      await client.query(`select pg_advisory_lock_shared(hashtext($1))`, [this.key]);
      await client.query(`select pg_advisory_unlock(hashtext($1))`, [this.key]);
    }
  }

  private async reclaimActive(client: pg.Client): Promise<string[]> {
    const s = `"${this.schema}"`;
    const { rows: table } = await client.query<{ t: string | null }>(`select to_regclass($1) as t`, [`${s}.job`]);
    if (!table[0]?.t) return []; // a fresh schema: BullMQ has not migrated it yet, so nothing is active
    await client.query('begin');
    try {
      // Expired and already marked, so BullMQ's own sweep takes them on this pass (not the next).
      const { rows: queues } = await client.query<{ queue: string }>(
        `update ${s}.job set locked_until_ms = 0, stalled_marked = true where state = 'active' returning queue`,
      );
      const ids: string[] = [];
      for (const queue of new Set(queues.map((q) => q.queue))) {
        // max stalled count: a crash is not the job's fault, so this never fails one.
        const { rows } = await client.query<{ id: string }>(`select id from ${s}.move_stalled_jobs_to_wait($1, $2, $3, 0) as t(id)`, [queue, 2_147_483_647, Date.now()]);
        ids.push(...rows.map((r) => r.id));
      }
      await client.query('commit');
      return ids;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
  }

  /** Its own session: the lock lives as long as this process does. Lost with the server, it is taken again (shared). */
  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('error', (e) => this.onError?.(e));
    client.on('end', () => {
      if (this.closed || this.client !== client) return;
      this.client = undefined;
      void this.rejoin();
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async rejoin(): Promise<void> {
    while (!this.closed && !this.client) {
      let client: pg.Client | undefined;
      try {
        client = await this.connect();
        await client.query(`select pg_advisory_lock_shared(hashtext($1))`, [this.key]);
        if (this.closed) await client.end();
        return;
      } catch {
        this.client = undefined;
        await client?.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
