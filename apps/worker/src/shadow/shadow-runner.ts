import type { MessageContext, ObligationSubject } from '../../../../libs/contracts-kit/src/adapter.js';
import type { ContractRegistry } from '../../../../libs/contracts-kit/src/registry.js';
import type { ShadowRepository } from '../../../../libs/ledger/src/index.js';
import { produce, type Produced } from '../dispatch/produce-message.js';
import { diffProduced } from './diff-documents.js';

export interface ShadowLog {
  warn(obj: object, msg: string): void;
}

export interface ShadowObservation {
  readonly notificationId: string;
  readonly partner: string;
  /** `name@vN` the notification is delivered with. */
  readonly pinned: string;
  readonly subject: ObligationSubject;
  readonly ctx: MessageContext;
  /** What the pinned version produced (already computed for the delivery). */
  readonly produced: Produced;
}

/**
 * Shadow runs: when a partner has a shadow version beside its pin, every notification is also
 * mapped by the shadow (same subject, same context, never sent) and the two documents are
 * compared; the result is stored per notification. Runs after the delivery's own mapping and
 * off its path: nothing here can fail, delay or change a delivery (errors are logged only).
 */
export class ShadowRunner {
  readonly #pending = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      readonly registry: ContractRegistry;
      /** The partner's shadow version now (live pins), or undefined. */
      readonly shadowFor: (partner: string) => string | undefined;
      readonly results: ShadowRepository;
      readonly log: ShadowLog;
    },
  ) {}

  /** Schedule the comparison for one notification, if its partner has a shadow; returns at once. */
  observe(o: ShadowObservation): void {
    let shadow: string | undefined;
    try {
      shadow = this.deps.shadowFor(o.partner);
    } catch {
      return;
    }
    if (!shadow || shadow === o.pinned) return;
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.compare(o, shadow))
      .catch((e: Error) => this.deps.log.warn({ notificationId: o.notificationId, partner: o.partner, shadow, err: e.message, code: 'SHADOW.FAILED' }, 'shadow run failed (delivery unaffected)'))
      .finally(() => this.#pending.delete(work));
    this.#pending.add(work);
  }

  /** Map with the shadow, diff, store. Exposed for tests; `observe` is the fire-and-forget path. */
  async compare(o: ShadowObservation, shadow: string): Promise<void> {
    if (!this.deps.registry.has(shadow)) throw new Error(`shadow ${shadow} is not registered`);
    const shadowProduced = produce(this.deps.registry.get(shadow), o.subject, o.ctx);
    const differences = diffProduced(o.produced, shadowProduced);
    await this.deps.results.record({ notificationId: o.notificationId, partner: o.partner, pinned: o.pinned, shadow, differences });
  }

  /** Wait for scheduled comparisons (before closing the database). */
  async drain(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }
}
