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

const kindOf = (r: JudicialResult): EmRequirementKind | undefined => EM_REQUIREMENT_RESULTS.find((e) => e.id === r.judicialResultTypeId)?.kind;
const ofKind = (results: readonly JudicialResult[], kinds: readonly EmRequirementKind[]): JudicialResult[] =>
  results.filter((r) => kinds.includes(kindOf(r) as EmRequirementKind));

/** Date + time prompts of one requirement, read from that requirement's own prompts. */
function at(prompts: readonly JudicialResultPrompt[], dateLabel: string, timeLabel: string): string {
  return fmsDateTime(cpDate(promptValue(prompts, dateLabel)), promptValue(prompts, timeLabel));
}

function communityCurfewFound(results: readonly JudicialResult[]): Curfew | undefined {
  const r = ofKind(results, ['curfew'])[0];
  if (!r) return undefined;
  const p = r.judicialResultPrompts ?? [];
  return {
    start: at(p, CP_LABELS.tagStartDate, CP_LABELS.tagStartTime),
    end: at(p, CP_LABELS.tagEndDate, CP_LABELS.tagEndTime),
    // The contractor receives "<where> <when>" even when one half is empty (as the real service sends).
    description: `${promptValue(p, CP_LABELS.remainAt) ?? ''} ${promptValue(p, CP_LABELS.detailsAndTimings) ?? ''}`,
  };
}

function communityZonesFound(results: readonly JudicialResult[]): Zone[] {
  return ofKind(results, ['exclusion', 'inclusion']).map((r) => {
    const p = r.judicialResultPrompts ?? [];
    return {
      kind: kindOf(r) === 'inclusion' ? 'inclusion' : 'exclusion',
      description: r.resultText ?? r.label,
      duration: promptValue(p, CP_LABELS.zonePeriod) ?? null,
      start: at(p, CP_LABELS.zoneStartDate, CP_LABELS.zoneStartTime),
      end: at(p, CP_LABELS.zoneEndDate, CP_LABELS.zoneEndTime),
    };
  });
}

function trailFound(results: readonly JudicialResult[]): Period | undefined {
  const r = ofKind(results, ['trail'])[0];
  if (!r) return undefined;
  const p = r.judicialResultPrompts ?? [];
  return { start: at(p, CP_LABELS.trailStartDate, CP_LABELS.tagStartTime), end: at(p, CP_LABELS.tagEndDate, CP_LABELS.tagEndTime) };
}

/** Abstinence is monitored from the day the order is made until the "Until" date. */
function alcoholFound(results: readonly JudicialResult[], orderStart: string): Period | undefined {
  const r = ofKind(results, ['alcohol'])[0];
  if (!r) return undefined;
  return { start: orderStart || startOfDay(r.orderedDate), end: fmsDateTime(cpDate(promptValue(r.judicialResultPrompts ?? [], CP_LABELS.alcoholUntil))) };
}

/** TP-EM-006: recorded as exercised only when it finds something. */
export function communityCurfew(results: readonly JudicialResult[]): Curfew | undefined {
  const r = communityCurfewFound(results);
  if (r !== undefined && (!Array.isArray(r) || r.length > 0)) traceProcess('TP-EM-006');
  return r;
}

/** TP-EM-007: recorded as exercised only when it finds something. */
export function communityZones(results: readonly JudicialResult[]): Zone[] {
  const r = communityZonesFound(results);
  if (r !== undefined && (!Array.isArray(r) || r.length > 0)) traceProcess('TP-EM-007');
  return r;
}

/** TP-EM-008: recorded as exercised only when it finds something. */
export function trail(results: readonly JudicialResult[]): Period | undefined {
  const r = trailFound(results);
  if (r !== undefined && (!Array.isArray(r) || r.length > 0)) traceProcess('TP-EM-008');
  return r;
}

/** TP-EM-009: recorded as exercised only when it finds something. */
export function alcohol(results: readonly JudicialResult[], orderStart: string): Period | undefined {
  const r = alcoholFound(results, orderStart);
  if (r !== undefined && (!Array.isArray(r) || r.length > 0)) traceProcess('TP-EM-009');
  return r;
}
