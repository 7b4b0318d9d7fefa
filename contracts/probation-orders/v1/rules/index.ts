import { ordersRule, reportRequestRule, requirementsRule } from './orders.rule.js';
import { courtAndCaseRule, offenderRule, type RuleInfo } from './subject.rule.js';

/** Every mapping rule of probation-orders@v1, for the catalogue. */
export const PROBATION_RULES: readonly RuleInfo[] = [ordersRule, requirementsRule, reportRequestRule, offenderRule, courtAndCaseRule];
