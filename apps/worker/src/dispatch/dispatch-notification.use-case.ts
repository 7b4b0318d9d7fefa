import type { ObligationSubject, OutboundAdapter, RenderedMessage } from '../../../../libs/contracts-kit/src/adapter.js';
import type { ContractRegistry } from '../../../../libs/contracts-kit/src/registry.js';
import type { DeliveryOutcome, PartnerTransport } from '../../../../libs/delivery/src/outcome.js';
import type { HearingResulted } from '../../../../libs/domain/src/model/index.js';
import type { LedgerRepository } from '../../../../libs/ledger/src/index.js';

export type DispatchResult =
  | { readonly kind: 'acknowledged'; readonly ackRef: string }
  | { readonly kind: 'parked'; readonly code: string }
  | { readonly kind: 'retry'; readonly code: string; readonly message: string }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface DispatchDeps {
  readonly ledger: LedgerRepository;
  readonly registry: ContractRegistry;
  readonly transportFor: (partner: string) => PartnerTransport;
  readonly settingsFor: (partner: string) => Readonly<Record<string, string>>;
  readonly now?: () => Date;
}

type Produced = { ok: true; rendered: RenderedMessage } | { ok: false; code: string; message: string };

function findSubject(event: HearingResulted, caseId: string, defendantId: string): ObligationSubject | undefined {
  const prosecutionCase = event.hearing.prosecutionCases?.find((c) => c.id === caseId);
  const defendant = prosecutionCase?.defendants.find((d) => d.id === defendantId);
  if (!prosecutionCase || !defendant) return undefined;
  return { hearing: event.hearing, prosecutionCase, defendant, sharedTime: event.sharedTime };
}

/** map → serialize → validate → envelope; any failure here is a contract fault (park, no blind retry). */
function produce(adapter: OutboundAdapter, subject: ObligationSubject, ctx: Parameters<OutboundAdapter['map']>[1]): Produced {
  try {
    const mapped = adapter.map(subject, ctx);
    if (!mapped.ok) {
      return { ok: false, code: mapped.problems[0]?.code ?? 'CONTRACT.MAPPING_FAILED', message: mapped.problems.map((p) => `${p.code} at ${p.path}: ${p.message}`).join('; ') };
    }
    const document = adapter.serialize(mapped.wire, ctx);
    const problems = adapter.validate(document);
    if (problems.length) {
      return { ok: false, code: problems[0]!.code, message: problems.slice(0, 5).map((p) => `${p.code} at ${p.path}: ${p.message}`).join('; ') };
    }
    return { ok: true, rendered: adapter.envelope(document, ctx) };
  } catch (e) {
    return { ok: false, code: 'CONTRACT.MAPPING_FAILED', message: (e as Error).message };
  }
}

/**
 * Deliver one notification and record what happened. Idempotent: a notification the ledger
 * already holds as acknowledged or parked is skipped, so a job that runs twice (after a crash
 * or a reconciler re-enqueue) never sends twice on our side; the partner dedupes by messageId.
 */
export async function dispatchNotification(deps: DispatchDeps, notificationId: string, attempt: { made: number; max: number }): Promise<DispatchResult> {
  const now = deps.now ?? (() => new Date());
  const loaded = await deps.ledger.loadForDispatch(notificationId);
  if (!loaded) return { kind: 'skipped', reason: 'not in ledger' };
  const n = loaded.notification;
  if (n.status === 'acknowledged' || n.status === 'parked' || n.status === 'needs-review' || n.status === 'held') return { kind: 'skipped', reason: `status ${n.status}` };

  const attemptNo = await deps.ledger.startAttempt(notificationId);
  const startedAt = now();
  const finish = async (outcome: 'success' | 'transport' | 'contract' | 'business', next: 'acknowledged' | 'retrying' | 'parked', extra: { errorCode?: string; errorMessage?: string; ackRef?: string; document?: string }) =>
    deps.ledger.recordAttempt(notificationId, { attemptNo, startedAt, finishedAt: now(), outcome, ...extra }, next);

  const ref = `${n.contract}@${n.contractVersion}`;
  if (!deps.registry.has(ref)) {
    await finish('contract', 'parked', { errorCode: 'CONTRACT.UNKNOWN_VERSION', errorMessage: `contract ${ref} is not registered` });
    return { kind: 'parked', code: 'CONTRACT.UNKNOWN_VERSION' };
  }
  const subject = findSubject(loaded.payload as HearingResulted, n.caseId, n.defendantId);
  if (!subject) {
    await finish('contract', 'parked', { errorCode: 'CONTRACT.SUBJECT_MISSING', errorMessage: 'case or defendant not found in the stored event' });
    return { kind: 'parked', code: 'CONTRACT.SUBJECT_MISSING' };
  }
  const ctx = { notificationId, messageId: n.messageId, now: startedAt.toISOString(), settings: deps.settingsFor(n.partner) };
  const produced = produce(deps.registry.get(ref), subject, ctx);
  if (!produced.ok) {
    await finish('contract', 'parked', { errorCode: produced.code, errorMessage: produced.message });
    return { kind: 'parked', code: produced.code };
  }

  const { payload, contentType, action, document } = produced.rendered;
  const outcome: DeliveryOutcome = await deps.transportFor(n.partner).send({ payload, contentType, action, messageId: n.messageId });
  if (outcome.kind === 'success') {
    await finish('success', 'acknowledged', { ackRef: outcome.ackRef, document });
    return { kind: 'acknowledged', ackRef: outcome.ackRef };
  }
  if (outcome.kind === 'transport') {
    const exhausted = attempt.made + 1 >= attempt.max;
    await finish('transport', exhausted ? 'parked' : 'retrying', {
      errorCode: exhausted ? 'PARTNER.RETRIES_EXHAUSTED' : outcome.code,
      errorMessage: exhausted ? `${outcome.code} after ${attempt.max} attempts: ${outcome.message}` : outcome.message,
      document,
    });
    return exhausted ? { kind: 'parked', code: 'PARTNER.RETRIES_EXHAUSTED' } : { kind: 'retry', code: outcome.code, message: outcome.message };
  }
  await finish(outcome.kind, 'parked', { errorCode: outcome.code, errorMessage: outcome.message, document });
  return { kind: 'parked', code: outcome.code };
}
