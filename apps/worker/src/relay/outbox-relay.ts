import type { Queue } from 'bullmq';
import type { LedgerRepository } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import { jobOptions } from '../../../../libs/delivery/src/queues.js';

/**
 * Moves outbox rows into the partner queues (job id = notification id, so a row relayed twice
 * is still one job). Rows whose enqueue fails go back to the outbox; a crash between claim and
 * enqueue is repaired by the reconciler, which re-enqueues whatever the ledger owes.
 */
export class OutboxRelay {
  private running = false;
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly queues: ReadonlyMap<string, Queue>,
    private readonly maxAttempts: (partner: string) => number,
    private readonly log: Logger,
    private readonly batch = 500,
    private readonly idleMs = 50,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** One pass: returns how many rows were relayed. */
  async relayOnce(): Promise<number> {
    const rows = await this.ledger.claimOutbox(this.batch);
    if (!rows.length) return 0;
    const byPartner = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byPartner.get(r.partner);
      if (list) list.push(r);
      else byPartner.set(r.partner, [r]);
    }
    for (const [partner, list] of byPartner) {
      const queue = this.queues.get(partner);
      try {
        if (!queue) throw new Error(`no queue for partner ${partner}`);
        await queue.addBulk(list.map((r) => ({ name: 'deliver', data: { notificationId: r.notificationId }, opts: jobOptions(r.notificationId, this.maxAttempts(partner), r.criticality) })));
      } catch (e) {
        this.log.error({ partner, count: list.length, err: (e as Error).message, code: 'RELAY.ENQUEUE_FAILED' }, 'enqueue failed; rows returned to outbox');
        await this.ledger.unrelayOutbox(list);
      }
    }
    return rows.length;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const n = await this.relayOnce();
        if (n === 0) await new Promise((r) => setTimeout(r, this.idleMs));
      } catch (e) {
        this.log.error({ err: (e as Error).message, code: 'RELAY.FAILED' }, 'outbox relay pass failed; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}
