import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { JudicialResult, JudicialResultPrompt } from '../../../../libs/domain/src/model/index.js';
import { BAIL_CURFEW_PROMPTS, BAIL_ZONE_PROMPTS } from '../../../../libs/domain/src/routing/electronic-monitoring.vocabulary.js';
import { cpDate, keyValues, fmsDateTime, startOfDay, type RuleInfo } from './cp-values.js';
import { CP_LABELS, NEXT_HEARING_KEYS } from './em-labels.js';
import type { Curfew, Zone } from './model.js';

export const bailPeriodRule: RuleInfo = { id: 'TP-EM-003', purpose: 'next court hearing date and time → end of bail monitoring' };
export const bailCurfewRule: RuleInfo = { id: 'TP-EM-004', purpose: 'bail curfew prompt → curfew from the day ordered to the next hearing' };
export const bailZonesRule: RuleInfo = { id: 'TP-EM-005', purpose: 'bail exclusion/inclusion prompts → zones from the day ordered to the next hearing' };

/**
 * Upstream HearingEventHandler.getNextCourtHearingDate: the magistrates' next-hearing prompt if
 * any ("Date of hearing"), else the Crown Court one ("Fixed Date"), else its "Week Commencing",
 * at its "Time of hearing". No date (e.g. "Date and time to be fixed") → no end ('').
 * The structured nextHearing is not read: the real service does not read it.
 */
export function bailEnd(prompts: readonly JudicialResultPrompt[]): string {
  traceProcess('TP-EM-003');
  const mags = prompts.find((p) => p.label === CP_LABELS.nextHearingMagistrates);
  const crown = mags ? undefined : prompts.find((p) => p.label === CP_LABELS.nextHearingCrown);
  const kv = keyValues((mags ?? crown)?.value);
  const date = cpDate(kv.get(mags ? NEXT_HEARING_KEYS.magistratesDate : NEXT_HEARING_KEYS.crownDate)) ?? cpDate(kv.get(NEXT_HEARING_KEYS.weekCommencing));
  return date ? fmsDateTime(date, kv.get(NEXT_HEARING_KEYS.time)) : '';
}

const CURFEW_IDS = new Set(BAIL_CURFEW_PROMPTS.map((p) => p.id));

/** Upstream loadBailOrderConditions: the first result with a curfew prompt; from the day it was ordered to the next hearing. */
export function bailCurfew(results: readonly JudicialResult[], end: string): Curfew | undefined {
  for (const r of results) {
    const prompt = (r.judicialResultPrompts ?? []).find((p) => CURFEW_IDS.has(p.judicialResultPromptTypeId ?? ''));
    if (prompt) {
      traceProcess('TP-EM-004');
      return { description: prompt.value ?? '', start: startOfDay(r.orderedDate), end };
    }
  }
  return undefined;
}

/**
 * Upstream loadBailOrderConditions over BailOrderType.ENFORCEMENT_ZONE_IDS: for each zone prompt
 * type, in that fixed order, the first result carrying it gives one zone ("<label> <value>"),
 * from the day that result was ordered to the next hearing.
 */
export function bailZones(results: readonly JudicialResult[], end: string): Zone[] {
  const zones: Zone[] = [];
  for (const type of BAIL_ZONE_PROMPTS) {
    for (const r of results) {
      const p = (r.judicialResultPrompts ?? []).find((x) => x.judicialResultPromptTypeId === type.id);
      if (!p) continue;
      zones.push({ kind: type.zone, description: `${p.label} ${p.value ?? 'null'}`, duration: null, start: startOfDay(r.orderedDate), end });
      break;
    }
  }
  if (zones.length) traceProcess('TP-EM-005');
  return zones;
}
