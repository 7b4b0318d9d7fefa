import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { JudicialResult } from '../../../../libs/domain/src/model/index.js';
import { BAIL_CURFEW_PROMPTS, BAIL_ZONE_PROMPTS } from '../../../../libs/domain/src/routing/electronic-monitoring.vocabulary.js';
import { cpDate, keyValues, londonDateTime, fmsDateTime, promptsOf, startOfDay, type RuleInfo } from './cp-values.js';
import { CP_LABELS, NEXT_HEARING_KEYS } from './em-labels.js';
import type { Curfew, Zone } from './model.js';

export const bailPeriodRule: RuleInfo = { id: 'TP-EM-003', purpose: 'next court hearing date and time → end of bail monitoring' };
export const bailCurfewRule: RuleInfo = { id: 'TP-EM-004', purpose: 'bail curfew prompt → curfew from the day ordered to the next hearing' };
export const bailZonesRule: RuleInfo = { id: 'TP-EM-005', purpose: 'bail exclusion/inclusion prompts → zones from the day ordered to the next hearing' };

/**
 * Bail monitoring lasts until the defendant is next before the court. The date is in the
 * next-hearing prompt ("Date of hearing" for magistrates, "Fixed Date" for the Crown Court,
 * else "Week Commencing"); the structured nextHearing is the fallback when no prompt says.
 */
export function bailEnd(results: readonly JudicialResult[]): string {
  traceProcess('TP-EM-003');
  const prompts = promptsOf(results);
  const mags = prompts.find((p) => p.label === CP_LABELS.nextHearingMagistrates);
  const crown = mags ? undefined : prompts.find((p) => p.label === CP_LABELS.nextHearingCrown);
  const kv = keyValues((mags ?? crown)?.value);
  const date = cpDate(kv.get(mags ? NEXT_HEARING_KEYS.magistratesDate : NEXT_HEARING_KEYS.crownDate)) ?? cpDate(kv.get(NEXT_HEARING_KEYS.weekCommencing));
  if (date) return fmsDateTime(date, kv.get(NEXT_HEARING_KEYS.time));
  const next = results.find((r) => r.nextHearing)?.nextHearing;
  return londonDateTime(next?.listedStartDateTime) || fmsDateTime(next?.weekCommencingDate);
}

const CURFEW_IDS = new Set(BAIL_CURFEW_PROMPTS.map((p) => p.id));

function bailCurfewFound(results: readonly JudicialResult[], end: string): Curfew | undefined {
  for (const r of results) {
    const prompt = (r.judicialResultPrompts ?? []).find((p) => CURFEW_IDS.has(p.judicialResultPromptTypeId ?? ''));
    if (prompt) return { description: prompt.value ?? '', start: startOfDay(r.orderedDate), end };
  }
  return undefined;
}

/** One zone per monitored prompt, in the vocabulary's order (the order the contractor gets them). */
function bailZonesFound(results: readonly JudicialResult[], end: string): Zone[] {
  const zones: Zone[] = [];
  for (const type of BAIL_ZONE_PROMPTS) {
    for (const r of results) {
      for (const p of r.judicialResultPrompts ?? []) {
        if (p.judicialResultPromptTypeId !== type.id) continue;
        zones.push({ kind: type.zone, description: `${p.label} ${p.value ?? ''}`, duration: null, start: startOfDay(r.orderedDate), end });
      }
    }
  }
  return zones;
}

/** TP-EM-004: recorded as exercised only when it finds something. */
export function bailCurfew(results: readonly JudicialResult[], end: string): Curfew | undefined {
  const r = bailCurfewFound(results, end);
  if (r !== undefined && (!Array.isArray(r) || r.length > 0)) traceProcess('TP-EM-004');
  return r;
}

/** TP-EM-005: recorded as exercised only when it finds something. */
export function bailZones(results: readonly JudicialResult[], end: string): Zone[] {
  const r = bailZonesFound(results, end);
  if (r !== undefined && (!Array.isArray(r) || r.length > 0)) traceProcess('TP-EM-005');
  return r;
}
