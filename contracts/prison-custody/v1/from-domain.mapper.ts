import type { MapResult, MessageContext, ObligationSubject } from '../../../libs/contracts-kit/src/adapter.js';
import { problem } from '../../../libs/domain/src/errors/problem.js';
import { custodyOutcomesRule, eventTypeRule } from './rules/custody.rule.js';
import { courtAndCaseRule, prisonerRule } from './rules/subject.rule.js';
import type { PrisonCustodyNotification } from './wire.js';

/** One defendant of a resulted hearing → the custody event the prison receives. Pure. */
export function mapToCustodyEvent(subject: ObligationSubject, ctx: MessageContext): MapResult<PrisonCustodyNotification> {
  const { hearing, prosecutionCase, defendant } = subject;
  const c = Math.max(0, hearing.prosecutionCases?.indexOf(prosecutionCase) ?? 0);
  const path = `$.hearing.prosecutionCases[${c}].defendants[${Math.max(0, prosecutionCase.defendants.indexOf(defendant))}]`;
  const prisoner = prisonerRule.apply(defendant);
  if (!prisoner) return { ok: false, problems: [problem('PRISON.NOT_A_PERSON', path, 'only a person can be held in custody')] };
  const custody = custodyOutcomesRule.apply(hearing, defendant, path);
  const eventType = eventTypeRule.apply(custody);
  if (!eventType) return { ok: false, problems: [problem('PRISON.NO_CUSTODY_OUTCOME', `${path}.offences`, 'no result with a known custody type id, CJS code or custody status')] };
  return { ok: true, wire: { messageId: ctx.messageId, eventType, ...courtAndCaseRule.apply(subject, ctx.now), prisoner, custody } };
}
