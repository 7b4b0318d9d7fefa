import type { MessageContext, ObligationSubject, OutboundAdapter, RenderedMessage } from '../../../../libs/contracts-kit/src/adapter.js';
import type { HearingResulted } from '../../../../libs/domain/src/model/index.js';

export type Produced = { ok: true; rendered: RenderedMessage } | { ok: false; code: string; message: string };

/** The obligation's subject, re-read from the stored domain event (so a replay re-maps it). */
export function findSubject(event: HearingResulted, caseId: string, defendantId: string): ObligationSubject | undefined {
  const prosecutionCase = event.hearing.prosecutionCases?.find((c) => c.id === caseId);
  const defendant = prosecutionCase?.defendants.find((d) => d.id === defendantId);
  if (!prosecutionCase || !defendant) return undefined;
  return { hearing: event.hearing, prosecutionCase, defendant, sharedTime: event.sharedTime };
}

/**
 * The subject an adapter maps from: the stored event as it is for 'stored-event' contracts (inbound
 * commands relayed to the platform), else the obligation's defendant found in the stored hearing.
 */
export function subjectFor(adapter: OutboundAdapter, payload: unknown, caseId: string, defendantId: string): ObligationSubject | undefined {
  if (adapter.subject === 'stored-event') return { command: payload } as unknown as ObligationSubject;
  return findSubject(payload as HearingResulted, caseId, defendantId);
}

/** map → serialize → validate → envelope; any failure here is a contract fault (park, no blind retry). */
export function produce(adapter: OutboundAdapter, subject: ObligationSubject, ctx: MessageContext): Produced {
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
