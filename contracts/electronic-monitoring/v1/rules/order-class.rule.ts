import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { JudicialResult } from '../../../../libs/domain/src/model/index.js';
import { problem, type Problem } from '../../../../libs/domain/src/errors/problem.js';
import { BAIL_PARENT_RESULTS, COMMUNITY_PARENT_RESULTS } from '../../../../libs/domain/src/routing/electronic-monitoring.vocabulary.js';
import type { RuleInfo } from './cp-values.js';
import type { OrderClass } from './model.js';

export const orderClassRule: RuleInfo = { id: 'TP-EM-001', purpose: 'sentence/bail result types → bail or community order, new or variation' };

/**
 * A community-type result (sentence, order, DAPO) makes the order a community order even when a
 * bail result sits beside it: the sentence is what the contractor enforces. No known parent
 * result means the contractor cannot be told what kind of order it is: a contract fault to park.
 */
export function classifyOrder(results: readonly JudicialResult[], path: string): OrderClass | Problem {
  traceProcess('TP-EM-001');
  const typeOf = (r: JudicialResult): string => r.judicialResultTypeId ?? '';
  const community = results.map(typeOf).map((id) => COMMUNITY_PARENT_RESULTS.find((c) => c.id === id)).filter((c) => c !== undefined);
  if (community.length) return { kind: 'community', variation: community.some((c) => c.variation === true) };
  const bail = results.map(typeOf).map((id) => BAIL_PARENT_RESULTS.find((b) => b.id === id)).filter((b) => b !== undefined);
  if (bail.length) return { kind: 'bail', variation: bail.some((b) => b.variation === true) };
  return problem('EM.ORDER_TYPE_UNKNOWN', path, 'no bail, remand or community-type result with a known type id: the order type cannot be told to the contractor');
}
