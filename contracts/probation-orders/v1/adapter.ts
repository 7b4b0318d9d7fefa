import type { MapResult, MessageContext, ObligationSubject, OutboundAdapter, RenderedMessage } from '../../../libs/contracts-kit/src/adapter.js';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import { readHearingResulted } from '../../../libs/domain/src/readers/hearing-resulted.reader.js';
import type { PartnerReason } from '../../../libs/domain/src/routing/partner-decision.js';
import { decideProbation } from '../../../libs/domain/src/routing/probation.rule.js';
import { mapToProbationEvent } from './from-domain.mapper.js';
import { PROBATION_RULES } from './rules/index.js';
import { validateDocument } from './schema.js';
import type { ProbationOrderNotification } from './wire.js';

/**
 * probation-orders@v1: community, youth rehabilitation, suspended sentence and supervision default orders and pre-sentence report requests for probation, as
 * JSON over HTTPS (`POST <url>/court-orders`). The schema is modelled (see README).
 */
export const adapter: OutboundAdapter<ProbationOrderNotification> = {
  name: 'probation-orders',
  version: 'v1',
  direction: 'outbound',
  transport: 'json-http',
  // Our schema ships inside the contract folder; nothing is needed from the schema root.
  schemaFiles: [],
  processes: PROBATION_RULES,
  map(subject: ObligationSubject, ctx: MessageContext): MapResult<ProbationOrderNotification> {
    return mapToProbationEvent(subject, ctx);
  },
  serialize(wire: ProbationOrderNotification): string {
    return JSON.stringify(wire);
  },
  validate(document: string): readonly Problem[] {
    return validateDocument(document);
  },
  /** The document carries its messageId; the transport adds it as Idempotency-Key too. */
  envelope(document: string): RenderedMessage {
    return { document, payload: document, contentType: 'application/json', action: '/court-orders' };
  },
};

export default adapter;

export interface DefendantMapping {
  readonly caseId: string;
  readonly defendantId: string;
  readonly decision: 'required' | 'possible' | 'none';
  readonly reasons: readonly PartnerReason[];
  readonly result?: MapResult<ProbationOrderNotification>;
}

export type MapFileResult = { readonly ok: true; readonly defendants: readonly DefendantMapping[] } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * For `cp-bridge map probation-orders@v1 <file>`: every defendant with the routing decision, and the
 * message of each one probation must hear about. A possible defendant gets PROBATION.NEEDS_REVIEW.
 */
export function mapFile(json: unknown, ctx: MessageContext): MapFileResult {
  const read = readHearingResulted(json);
  if (!read.ok) return { ok: false, problems: read.problems };
  const { hearing, sharedTime } = read.value;
  const defendants: DefendantMapping[] = [];
  for (const prosecutionCase of hearing.prosecutionCases ?? []) {
    for (const defendant of prosecutionCase.defendants) {
      const { decision, reasons } = decideProbation(hearing, prosecutionCase, defendant);
      const base = { caseId: prosecutionCase.id, defendantId: defendant.id, decision, reasons };
      if (decision === 'required') {
        const subject = { hearing, prosecutionCase, defendant, ...(sharedTime ? { sharedTime } : {}) };
        defendants.push({ ...base, result: adapter.map(subject, { ...ctx, messageId: `${ctx.messageId}:${defendant.id}` }) });
      } else if (decision === 'possible') {
        defendants.push({ ...base, result: { ok: false, problems: [problem('PROBATION.NEEDS_REVIEW', reasons[0]?.path ?? '$', reasons[0]?.evidence ?? 'a probation order or report may have been made: confirm')] } });
      } else {
        defendants.push(base);
      }
    }
  }
  return { ok: true, defendants };
}
