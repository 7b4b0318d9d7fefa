import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { JudicialResult } from '../../../../libs/domain/src/model/index.js';
import { problem, type Problem } from '../../../../libs/domain/src/errors/problem.js';
import { BAIL_PARENT_RESULTS, COMMUNITY_PARENT_RESULTS, VARIATION_RESULT_IDS } from '../../../../libs/domain/src/routing/electronic-monitoring.vocabulary.js';
import type { RuleInfo } from './cp-values.js';
import type { OrderClass } from './model.js';

export const orderClassRule: RuleInfo = { id: 'TP-EM-001', purpose: 'sentence/bail result types → bail or community order, new or variation' };

const COMMUNITY = new Set(COMMUNITY_PARENT_RESULTS.map((c) => c.id));
const BAIL = new Set(BAIL_PARENT_RESULTS.map((b) => b.id));
const VARIATION = new Set(VARIATION_RESULT_IDS);

/**
 * Upstream HearingEventHandler.getConditionType / getOrderType / getOrderRequestType: any
 * CommunityOrder result (sentence, order, DAPO or their variations) makes a community order even
 * beside a bail result; else any BailOrRemandToCareCondition makes a bail (pre-trial) order. The
 * order is a variation when any result is one of VariationOrders (RCBV, BAILREVC, SUSPV, SUSPVD,
 * YROV, DAPOV), whatever the class. No known parent: upstream fails on the missing condition
 * type (dead letter); here it is a contract fault to park.
 */
export function classifyOrder(results: readonly JudicialResult[], path: string): OrderClass | Problem {
  traceProcess('TP-EM-001');
  const ids = results.map((r) => r.judicialResultTypeId ?? '');
  const variation = ids.some((id) => VARIATION.has(id));
  if (ids.some((id) => COMMUNITY.has(id))) return { kind: 'community', variation };
  if (ids.some((id) => BAIL.has(id))) return { kind: 'bail', variation };
  return problem('EM.ORDER_TYPE_UNKNOWN', path, 'no bail, remand or community-type result with a known type id: the order type cannot be told to the contractor');
}
