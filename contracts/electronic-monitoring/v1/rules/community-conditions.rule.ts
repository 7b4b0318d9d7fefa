import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { JudicialResult, JudicialResultPrompt } from '../../../../libs/domain/src/model/index.js';
import { EM_REQUIREMENT_RESULTS, type EmRequirementKind } from '../../../../libs/domain/src/routing/electronic-monitoring.vocabulary.js';
import { cpDate, fmsDateTime, promptValue, startOfDay, type RuleInfo } from './cp-values.js';
import { CP_LABELS } from './em-labels.js';
import type { Curfew, Period, Zone } from './model.js';

export const communityCurfewRule: RuleInfo = { id: 'TP-EM-006', purpose: 'curfew requirement tagging prompts → curfew period and where/when text' };
export const communityZonesRule: RuleInfo = { id: 'TP-EM-007', purpose: 'exclusion/inclusion requirement → zone with its tag period and duration' };
export const trailRule: RuleInfo = { id: 'TP-EM-008', purpose: 'whereabouts requirement → trail (location) monitoring period' };
export const alcoholRule: RuleInfo = { id: 'TP-EM-009', purpose: 'alcohol abstinence and monitoring requirement → AAMR until the "Until" date' };

/*
 * Upstream HearingEventHandler.loadCommunityOrderConditions (hmpps-electronic-monitoring-create-an-order-api
 * @ 9c698f78). Every prompt value is read with getPromptValue over the prompts of ALL the
 * defendant's results (the first prompt with that label), not only the requirement's own.
 */

const kindOf = (r: JudicialResult): EmRequirementKind | undefined => EM_REQUIREMENT_RESULTS.find((e) => e.id === r.judicialResultTypeId)?.kind;
const firstOfKind = (results: readonly JudicialResult[], kind: EmRequirementKind): JudicialResult | undefined => results.find((r) => kindOf(r) === kind);

/** A date prompt (dd/MM/yyyy) at a time prompt (HH:mm, default 00:00); '' (null upstream) when the date prompt is absent. */
function at(prompts: readonly JudicialResultPrompt[], dateLabel: string, timeLabel: string): string {
  return fmsDateTime(cpDate(promptValue(prompts, dateLabel)), promptValue(prompts, timeLabel));
}

/** getCurfewConditions: tagging dates; "<Defendant to remain at> <Details and timings>", the space kept when a part is empty. */
export function communityCurfew(results: readonly JudicialResult[], prompts: readonly JudicialResultPrompt[]): Curfew | undefined {
  if (!firstOfKind(results, 'curfew')) return undefined;
  traceProcess('TP-EM-006');
  return {
    start: at(prompts, CP_LABELS.tagStartDate, CP_LABELS.tagStartTime),
    end: at(prompts, CP_LABELS.tagEndDate, CP_LABELS.tagEndTime),
    description: `${promptValue(prompts, CP_LABELS.remainAt) ?? ''} ${promptValue(prompts, CP_LABELS.detailsAndTimings) ?? ''}`,
  };
}

/** getCommunityOrderEnforcementZone: the first exclusion (adult or youth) or inclusion requirement; its text describes the zone. */
function zoneOf(r: JudicialResult | undefined, kind: 'exclusion' | 'inclusion', prompts: readonly JudicialResultPrompt[]): Zone | undefined {
  if (!r) return undefined;
  return {
    kind,
    description: r.resultText ?? '',
    duration: promptValue(prompts, CP_LABELS.zonePeriod) ?? null,
    start: at(prompts, CP_LABELS.zoneStartDate, CP_LABELS.zoneStartTime),
    end: at(prompts, CP_LABELS.zoneEndDate, CP_LABELS.zoneEndTime),
  };
}

export function communityExclusionZone(results: readonly JudicialResult[], prompts: readonly JudicialResultPrompt[]): Zone | undefined {
  const z = zoneOf(firstOfKind(results, 'exclusion'), 'exclusion', prompts);
  if (z) traceProcess('TP-EM-007');
  return z;
}

export function communityInclusionZone(results: readonly JudicialResult[], prompts: readonly JudicialResultPrompt[]): Zone | undefined {
  const z = zoneOf(firstOfKind(results, 'inclusion'), 'inclusion', prompts);
  if (z) traceProcess('TP-EM-007');
  return z;
}

/** getCommunityOrderTrailCondition: whereabouts start date at the tagging start time, until the tagging end. */
export function trail(results: readonly JudicialResult[], prompts: readonly JudicialResultPrompt[]): Period | undefined {
  if (!firstOfKind(results, 'trail')) return undefined;
  traceProcess('TP-EM-008');
  return { start: at(prompts, CP_LABELS.trailStartDate, CP_LABELS.tagStartTime), end: at(prompts, CP_LABELS.tagEndDate, CP_LABELS.tagEndTime) };
}

/**
 * Alcohol abstinence runs from the order's start as it stands when conditions are read — the day
 * ordered, before a variation moves the order start back to the original order date — until "Until".
 */
export function alcohol(results: readonly JudicialResult[], prompts: readonly JudicialResultPrompt[], orderedDate: string | undefined): Period | undefined {
  if (!firstOfKind(results, 'alcohol')) return undefined;
  traceProcess('TP-EM-009');
  return { start: startOfDay(orderedDate), end: fmsDateTime(cpDate(promptValue(prompts, CP_LABELS.alcoholUntil))) };
}
