import type { MapResult, MessageContext, ObligationSubject } from '../../../libs/contracts-kit/src/adapter.js';
import { defendantResultsRule, defendantSliceRule, sharedTimeRule } from './rules/hearing-slice.rule.js';
import type { LaaHearingResulted } from './wire.js';

/** One legally aided defendant of a resulted hearing → the hearing-resulted message the LAA takes. Pure. */
export function mapToLaaHearing(subject: ObligationSubject, ctx: MessageContext): MapResult<LaaHearingResulted> {
  const hearing = defendantSliceRule.apply(subject);
  const defendantJudicialResults = defendantResultsRule.apply(subject);
  return { ok: true, wire: { sharedTime: sharedTimeRule.apply(subject, ctx.now), hearing: defendantJudicialResults ? Object.assign({}, hearing, { defendantJudicialResults }) : hearing } };
}
