import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { JudicialResult } from '../../../../libs/domain/src/model/index.js';
import { DAPO_PROMPTS } from '../../../../libs/domain/src/routing/electronic-monitoring.vocabulary.js';
import { cpDate, fmsDateTime, keyValues, type RuleInfo } from './cp-values.js';
import { CP_LABELS } from './em-labels.js';
import type { Curfew, Zone } from './model.js';

export const dapoRule: RuleInfo = { id: 'TP-EM-010', purpose: 'DAPO requirement/prohibition prompts ("Key:value" lines) → curfew and zones' };

/**
 * A Domestic Abuse Protection Order packs each monitored requirement into one prompt whose value
 * holds the tagging dates as "Key:value" lines; the whole text is what the contractor reads.
 * Both prohibitions (not to enter, not to leave) reach the contractor as exclusion zones.
 */
function dapoConditionsFound(results: readonly JudicialResult[]): { curfew?: Curfew; zones: Zone[] } {
  const prompts = results.flatMap((r) => r.judicialResultPrompts ?? []);
  const curfewPrompt = prompts.find((p) => p.judicialResultPromptTypeId === DAPO_PROMPTS.curfew.id);
  const zoneIds: readonly string[] = DAPO_PROMPTS.zones.map((z) => z.id);
  const zones: Zone[] = prompts
    .filter((p) => zoneIds.includes(p.judicialResultPromptTypeId ?? ''))
    .map((p) => {
      const kv = keyValues(p.value);
      return {
        kind: 'exclusion' as const,
        description: `${p.label} ${p.value ?? ''}`,
        duration: null,
        start: fmsDateTime(cpDate(kv.get(CP_LABELS.zoneStartDate)), kv.get(CP_LABELS.zoneStartTime)),
        end: fmsDateTime(cpDate(kv.get(CP_LABELS.zoneEndDate)), kv.get(CP_LABELS.zoneEndTime)),
      };
    });
  if (!curfewPrompt) return { zones };
  const kv = keyValues(curfewPrompt.value);
  return {
    curfew: {
      description: curfewPrompt.value ?? '',
      start: fmsDateTime(cpDate(kv.get(CP_LABELS.tagStartDate)), kv.get(CP_LABELS.tagStartTime)),
      end: fmsDateTime(cpDate(kv.get(CP_LABELS.tagEndDate)), kv.get(CP_LABELS.tagEndTime)),
    },
    zones,
  };
}

/** TP-EM-010: recorded as exercised only when it finds something. */
export function dapoConditions(results: readonly JudicialResult[]): { curfew?: Curfew; zones: Zone[] } {
  const r = dapoConditionsFound(results);
  if (r.curfew !== undefined || r.zones.length > 0) traceProcess('TP-EM-010');
  return r;
}
