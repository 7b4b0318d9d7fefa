import type { MapResult, MessageContext, ObligationSubject, OutboundAdapter, RenderedMessage } from '../../../libs/contracts-kit/src/adapter.js';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import type { HearingResulted } from '../../../libs/domain/src/model/index.js';
import { decideLegalAid } from '../../../libs/domain/src/routing/legal-aid.rule.js';
import type { PartnerReason } from '../../../libs/domain/src/routing/partner-decision.js';
import { mapToLaaHearing } from './from-domain.mapper.js';
import { LAA_RULES } from './rules/index.js';
import { validateDocument, validateValue } from './schema.js';
import type { LaaHearingResulted } from './wire.js';

/**
 * legal-aid-outcomes@v1: hearing outcomes for legally aided defendants, as the Common Platform
 * hearing-resulted JSON the LAA court data adaptor consumes (`POST <url>/hearings`).
 */
export const adapter: OutboundAdapter<LaaHearingResulted> = {
  name: 'legal-aid-outcomes',
  version: 'v1',
  direction: 'outbound',
  transport: 'json-http',
  schemaFiles: [],
  processes: LAA_RULES,
  map(subject: ObligationSubject, ctx: MessageContext): MapResult<LaaHearingResulted> {
    return mapToLaaHearing(subject, ctx);
  },
  serialize(wire: LaaHearingResulted): string {
    return JSON.stringify({ hearing: wire.hearing, sharedTime: wire.sharedTime });
  },
  validate(document: string): readonly Problem[] {
    return validateDocument(document);
  },
  /** The agency takes the hearing JSON as it is; our messageId travels as the Idempotency-Key header. */
  envelope(document: string): RenderedMessage {
    return { document, payload: document, contentType: 'application/json', action: '/hearings' };
  },
};

export default adapter;

export interface DefendantMapping {
  readonly caseId: string;
  readonly defendantId: string;
  readonly decision: 'required' | 'possible' | 'none';
  readonly reasons: readonly PartnerReason[];
  readonly result?: MapResult<LaaHearingResulted>;
}

export type MapFileResult = { readonly ok: true; readonly defendants: readonly DefendantMapping[] } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * For `cp-bridge map legal-aid-outcomes@v1 <file>`. The input is checked against the same schema the
 * agency's message must meet (a payload the agency would refuse is refused here, with coded
 * problems); then every defendant gets the routing decision and the legally aided ones a message.
 */
export function mapFile(json: unknown, ctx: MessageContext): MapFileResult {
  const problems = validateValue(json);
  if (problems.length) return { ok: false, problems: [problem('LEGAL_AID.HEARING_REFUSED', '$', 'not a hearing-resulted message the agency accepts'), ...problems] };
  const { hearing, sharedTime } = json as HearingResulted;
  const defendants: DefendantMapping[] = [];
  for (const prosecutionCase of hearing.prosecutionCases ?? []) {
    for (const defendant of prosecutionCase.defendants) {
      const { decision, reasons } = decideLegalAid(hearing, prosecutionCase, defendant);
      const base = { caseId: prosecutionCase.id, defendantId: defendant.id, decision, reasons };
      if (decision === 'required') {
        const subject = { hearing, prosecutionCase, defendant, ...(sharedTime ? { sharedTime } : {}) };
        defendants.push({ ...base, result: adapter.map(subject, { ...ctx, messageId: `${ctx.messageId}:${defendant.id}` }) });
      } else if (decision === 'possible') {
        defendants.push({ ...base, result: { ok: false, problems: [problem('LEGAL_AID.NEEDS_REVIEW', reasons[0]?.path ?? '$', reasons[0]?.evidence ?? 'legal aid may apply: confirm')] } });
      } else {
        defendants.push(base);
      }
    }
  }
  return { ok: true, defendants };
}
