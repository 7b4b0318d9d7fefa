import type { ContractRegistry } from '../../../../libs/contracts-kit/src/registry.js';
import type { PartnerTransport } from '../../../../libs/delivery/src/outcome.js';
import type { PartnerBreaker } from '../../../../libs/delivery/src/policy/partner-breaker.js';
import { type DeliveryControlRepository, type DispatchStore, LedgerErrorCode } from '../../../../libs/ledger/src/index.js';
import type { ShadowRunner } from '../shadow/shadow-runner.js';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import { produce, subjectFor } from './produce-message.js';

export type DispatchResult =
  | { readonly kind: 'acknowledged'; readonly ackRef: string }
  | { readonly kind: 'parked'; readonly code: string; readonly failureClass: 'contract' | 'business' | 'transport' }
  | { readonly kind: 'retry'; readonly code: string; readonly message: string }
  /** An earlier notification for the same case is still moving: try again shortly, no attempt used. */
  | { readonly kind: 'wait'; readonly blockedBy: string }
  /** Held behind a parked or needs-review predecessor until a person acts (and escalated). */
  | { readonly kind: 'held'; readonly blockedBy: string; readonly escalate: boolean }
  /** The partner's circuit is open: pause its queue, no attempt used. */
  | { readonly kind: 'circuit-open'; readonly retryAfterMs: number }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface DispatchDeps {
  /** Claim / record, batched across concurrent deliveries in the worker. */
  readonly store: Pick<DispatchStore, 'claim' | 'recordAttempt'>;
  readonly control: Pick<DeliveryControlRepository, 'hold' | 'escalateOnce'>;
  readonly registry: ContractRegistry;
  readonly transportFor: (partner: string) => PartnerTransport;
  readonly breakerFor: (partner: string) => PartnerBreaker;
  readonly settingsFor: (partner: string) => Readonly<Record<string, string>>;
  /** Give up on transport retries once a notification is this old (ms), even with attempts left. */
  readonly maxAgeMsFor: (partner: string) => number;
  /** Shadow runs (partners with a shadow version): compared off the delivery path, never sent. */
  readonly shadow?: Pick<ShadowRunner, 'observe'>;
  readonly now?: () => Date;
}

const FINAL = new Set(['acknowledged', 'parked', 'needs-review', 'held', 'dismissed']);

/**
 * Deliver one notification and record what happened. Idempotent: a notification the ledger
 * already holds as final is skipped, so a job that runs twice (after a crash or a reconciler
 * re-enqueue) never sends twice on our side; the partner dedupes by messageId.
 * Per-case order: a later notification for the same partner, case and defendant is not sent
 * while an earlier one is unfinished; behind a parked one it is held and escalated.
 */
export async function dispatchNotification(deps: DispatchDeps, notificationId: string, attempt: { made: number; max: number }, partner: string): Promise<DispatchResult> {
  const now = deps.now ?? (() => new Date());
  // An open circuit refuses before anything is read or counted: the partner is down, not the message.
  const breaker = deps.breakerFor(partner);
  if (breaker.refusing) return { kind: 'circuit-open', retryAfterMs: breaker.retryAfterMs };

  // Read and, when nothing holds it back, count the attempt and mark it in-flight: one statement.
  const loaded = await deps.store.claim(notificationId);
  if (!loaded) return { kind: 'skipped', reason: 'not in ledger' };
  const n = loaded.notification;
  if (FINAL.has(n.status)) return { kind: 'skipped', reason: `status ${n.status}` };

  const blocker = loaded.blocker;
  if (blocker) {
    // hold() re-checks: a predecessor acknowledged meanwhile means wait and look again, not hold forever.
    if (['parked', 'needs-review', 'held'].includes(blocker.status) && (await deps.control.hold(n.id, `held behind ${blocker.id} (${blocker.status})`))) {
      const escalate = await deps.control.escalateOnce(n.id, 'held-behind-predecessor');
      return { kind: 'held', blockedBy: blocker.id, escalate };
    }
    return { kind: 'wait', blockedBy: blocker.id };
  }
  // Changed by another statement between the read and the claim: let the queue try again.
  if (loaded.attemptNo === undefined) throw new CodedError(LedgerErrorCode.NotDispatchable, `notification ${notificationId} changed while it was claimed`);
  const attemptNo = loaded.attemptNo;

  const ref = `${n.contract}@${n.contractVersion}`;
  const adapter = deps.registry.has(ref) ? deps.registry.get(ref) : undefined;
  // The contract says what it maps from: a defendant of the stored hearing, or the stored event itself.
  const subject = adapter ? subjectFor(adapter, loaded.payload, n.caseId, n.defendantId) : undefined;
  const amends = n.amendsEventId ? { eventId: n.amendsEventId, ...(subject?.sharedTime ? { sharedTime: subject.sharedTime } : {}) } : undefined;
  const ctx = { notificationId, messageId: n.messageId, now: now().toISOString(), settings: deps.settingsFor(n.partner), ...(amends ? { amends } : {}) };
  const produced = !adapter
    ? ({ ok: false, code: 'CONTRACT.UNKNOWN_VERSION', message: `contract ${ref} is not registered` } as const)
    : !subject
      ? ({ ok: false, code: 'CONTRACT.SUBJECT_MISSING', message: 'case or defendant not found in the stored event' } as const)
      : produce(adapter, subject, ctx);
  if (adapter && subject && adapter.subject !== 'stored-event') deps.shadow?.observe({ notificationId, partner: n.partner, pinned: ref, subject, ctx, produced });

  const startedAt = now();
  const finish = (outcome: 'success' | 'transport' | 'contract' | 'business', next: 'acknowledged' | 'retrying' | 'parked', extra: { errorCode?: string; errorMessage?: string; ackRef?: string; document?: string }) =>
    deps.store.recordAttempt(notificationId, { attemptNo, startedAt, finishedAt: now(), outcome, ...extra }, next);

  if (!produced.ok) {
    await finish('contract', 'parked', { errorCode: produced.code, errorMessage: produced.message });
    return { kind: 'parked', code: produced.code, failureClass: 'contract' };
  }
  const { payload, contentType, action, document } = produced.rendered;
  const outcome = await breaker.send(deps.transportFor(n.partner), { payload, contentType, action, messageId: n.messageId });
  if (outcome.kind === 'circuit-open') {
    // Not the message's fault: give the attempt back by recording it as a transport retry.
    await finish('transport', 'retrying', { errorCode: 'PARTNER.CIRCUIT_OPEN', errorMessage: 'circuit open; partner paused', document });
    return outcome;
  }
  if (outcome.kind === 'success') {
    // Releases anything held behind this one in the same commit.
    await finish('success', 'acknowledged', { ackRef: outcome.ackRef, document });
    return { kind: 'acknowledged', ackRef: outcome.ackRef };
  }
  if (outcome.kind === 'transport') {
    const tooOld = startedAt.getTime() - n.createdAt.getTime() > deps.maxAgeMsFor(n.partner);
    const exhausted = attempt.made + 1 >= attempt.max || tooOld;
    const code = tooOld ? 'PARTNER.MAX_AGE_EXCEEDED' : 'PARTNER.RETRIES_EXHAUSTED';
    await finish('transport', exhausted ? 'parked' : 'retrying', {
      errorCode: exhausted ? code : outcome.code,
      errorMessage: exhausted ? `${outcome.code} after ${attempt.made + 1} attempts: ${outcome.message}` : outcome.message,
      document,
    });
    return exhausted ? { kind: 'parked', code, failureClass: 'transport' } : { kind: 'retry', code: outcome.code, message: outcome.message };
  }
  await finish(outcome.kind, 'parked', { errorCode: outcome.code, errorMessage: outcome.message, document });
  return { kind: 'parked', code: outcome.code, failureClass: outcome.kind };
}
