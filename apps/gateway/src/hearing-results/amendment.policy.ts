import type { MessageContext, ObligationSubject, OutboundAdapter } from '../../../../libs/contracts-kit/src/adapter.js';
import type { ContractRegistry } from '../../../../libs/contracts-kit/src/registry.js';
import type { HearingResulted } from '../../../../libs/domain/src/model/index.js';
import type { AcceptEventInput, AmendmentDecision, NewNotification, PriorEvent } from '../../../../libs/ledger/src/index.js';

/** What the policy reads of the running configuration: contract versions and each partner's settings. */
export interface AmendmentContext {
  readonly registry: ContractRegistry;
  settingsFor(partner: string): Readonly<Record<string, string>> | undefined;
}

/**
 * A later share of a hearing (new sharedTime) amends the share before it (ADR 0012). Each
 * notification it would owe is compared with what the superseded share gives the same partner,
 * case and defendant, through the same pinned contract version: both are mapped with one message
 * context and one sharedTime, so only a change in what the partner's contract reads can make the
 * wire objects differ. Equal → a "no change for this partner" decision instead of a notification.
 * Anything that cannot be compared (no such defendant before, a mapping that fails, an unknown
 * version, a contract that relays the stored event) is sent: a needless message is visible and
 * harmless, a withheld one is the failure this bridge exists to prevent.
 */
export function amendmentStep(context: AmendmentContext): (input: AcceptEventInput, prior: PriorEvent) => AcceptEventInput {
  return (input, prior) => {
    const next = input.payload as HearingResulted;
    const before = prior.payload as HearingResulted;
    const notifications: NewNotification[] = [];
    const decisions: AmendmentDecision[] = [];
    for (const n of input.notifications) {
      const compared = compare(context, n, next, before);
      if (compared === 'unchanged') {
        decisions.push({
          partner: n.partner,
          contract: n.contract,
          contractVersion: n.contractVersion,
          caseId: n.caseId,
          defendantId: n.defendantId,
          decision: 'no-change',
          reason: `${n.contract}@${n.contractVersion} maps this defendant to the same message as in event ${prior.id}: nothing the partner receives changed`,
        });
      } else if (compared === 'changed') notifications.push(Object.assign({}, n, { amendsEventId: prior.id }));
      else notifications.push(n);
    }
    return Object.assign({}, input, { supersedesEventId: prior.id, notifications, decisions });
  };
}

/**
 * 'unchanged': both shares map to the same wire object. 'changed': they differ and the superseded
 * share mapped too, so the partner was told about it (the notification amends it: a variation
 * where its contract models one). 'not-comparable': send as a first message.
 */
type Compared = 'unchanged' | 'changed' | 'not-comparable';

function compare(context: AmendmentContext, n: NewNotification, next: HearingResulted, before: HearingResulted): Compared {
  const ref = `${n.contract}@${n.contractVersion}`;
  if (!context.registry.has(ref)) return 'not-comparable';
  const adapter: OutboundAdapter = context.registry.get(ref);
  if (adapter.subject === 'stored-event') return 'not-comparable';
  // The new share's sharedTime for both: a re-share that only moves sharedTime changes nothing.
  const sharedTime = next.sharedTime;
  const now = next.sharedTime ?? new Date(0).toISOString();
  const settings = context.settingsFor(n.partner);
  const ctx: MessageContext = { notificationId: n.id, messageId: n.messageId, now, ...(settings ? { settings } : {}) };
  const a = subjectOf(next, n.caseId, n.defendantId, sharedTime);
  const b = subjectOf(before, n.caseId, n.defendantId, sharedTime);
  if (!a || !b) return 'not-comparable';
  try {
    const mappedBefore = adapter.map(b, ctx);
    if (!mappedBefore.ok) return 'not-comparable';
    const mappedNow = adapter.map(a, ctx);
    // The same mapper code builds both objects, so equal content gives equal text.
    return mappedNow.ok && JSON.stringify(mappedNow.wire) === JSON.stringify(mappedBefore.wire) ? 'unchanged' : 'changed';
  } catch {
    return 'not-comparable';
  }
}

function subjectOf(event: HearingResulted, caseId: string, defendantId: string, sharedTime: string | undefined): ObligationSubject | undefined {
  const prosecutionCase = event?.hearing?.prosecutionCases?.find((c) => c.id === caseId);
  const defendant = prosecutionCase?.defendants?.find((d) => d.id === defendantId);
  if (!prosecutionCase || !defendant) return undefined;
  return { hearing: event.hearing, prosecutionCase, defendant, ...(sharedTime ? { sharedTime } : {}) };
}
