import { custodyOutcomesRule, eventTypeRule } from './custody.rule.js';
import { courtAndCaseRule, prisonerRule, type RuleInfo } from './subject.rule.js';

/** Every mapping rule of prison-custody@v1, for the catalogue. */
export const PRISON_RULES: readonly RuleInfo[] = [custodyOutcomesRule, eventTypeRule, prisonerRule, courtAndCaseRule];
