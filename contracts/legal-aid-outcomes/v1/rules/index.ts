import { defendantResultsRule, defendantSliceRule, sharedTimeRule, type RuleInfo } from './hearing-slice.rule.js';

/** Every mapping rule of legal-aid-outcomes@v1, for the catalogue. */
export const LAA_RULES: readonly RuleInfo[] = [defendantSliceRule, defendantResultsRule, sharedTimeRule];
