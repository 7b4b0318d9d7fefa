import { bailCurfewRule, bailPeriodRule, bailZonesRule } from './bail-conditions.rule.js';
import { alcoholRule, communityCurfewRule, communityZonesRule, trailRule } from './community-conditions.rule.js';
import type { RuleInfo } from './cp-values.js';
import { dapoRule } from './dapo.rule.js';
import { deviceWearerRule } from './device-wearer.rule.js';
import { interestedPartiesRule } from './interested-parties.rule.js';
import { enforceableConditionsRule, monitoringOrderRule, orderPeriodRule } from './monitoring-order.rule.js';
import { orderClassRule } from './order-class.rule.js';

/** Every mapping rule of electronic-monitoring@v1, for the catalogue. */
export const EM_RULES: readonly RuleInfo[] = [
  orderClassRule, deviceWearerRule, bailPeriodRule, bailCurfewRule, bailZonesRule, communityCurfewRule, communityZonesRule,
  trailRule, alcoholRule, dapoRule, interestedPartiesRule, enforceableConditionsRule, orderPeriodRule, monitoringOrderRule,
];
