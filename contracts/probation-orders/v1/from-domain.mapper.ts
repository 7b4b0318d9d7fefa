import type { MapResult, MessageContext, ObligationSubject } from '../../../libs/contracts-kit/src/adapter.js';
import { problem } from '../../../libs/domain/src/errors/problem.js';
import { ordersRule, reportRequestRule } from './rules/orders.rule.js';
import { courtAndCaseRule, offenderRule } from './rules/subject.rule.js';
import type { ProbationEventType, ProbationOrderNotification } from './wire.js';

/** One defendant of a resulted hearing → the order / report-request message probation receives. Pure. */
export function mapToProbationEvent(subject: ObligationSubject, ctx: MessageContext): MapResult<ProbationOrderNotification> {
  const { hearing, prosecutionCase, defendant } = subject;
  const c = Math.max(0, hearing.prosecutionCases?.indexOf(prosecutionCase) ?? 0);
  const path = `$.hearing.prosecutionCases[${c}].defendants[${Math.max(0, prosecutionCase.defendants.indexOf(defendant))}]`;
  const offender = offenderRule.apply(defendant);
  if (!offender) return { ok: false, problems: [problem('PROBATION.NOT_A_PERSON', path, 'probation supervises people, not organisations')] };
  const orders = ordersRule.apply(hearing, defendant, path);
  const reportRequest = reportRequestRule.apply(hearing, defendant, path) ?? null;
  if (!orders.length && !reportRequest) return { ok: false, problems: [problem('PROBATION.NOTHING_TO_SEND', `${path}.offences`, 'no known order result and no pre-sentence report adjournment')] };
  const eventType: ProbationEventType = !orders.length ? 'PRE_SENTENCE_REPORT_REQUESTED' : orders.every((o) => o.variation) ? 'ORDER_VARIED' : 'ORDER_MADE';
  return { ok: true, wire: { messageId: ctx.messageId, eventType, ...courtAndCaseRule.apply(subject, ctx.now), offender, orders, reportRequest } };
}
