import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { JudicialResult, JudicialResultPrompt } from '../../../../libs/domain/src/model/index.js';
import { DAPO_PROMPTS } from '../../../../libs/domain/src/routing/electronic-monitoring.vocabulary.js';
import { cpDate, fmsDateTime, keyValues, type RuleInfo } from './cp-values.js';
import { CP_LABELS } from './em-labels.js';
import type { Curfew, Zone } from './model.js';

export const dapoRule: RuleInfo = { id: 'TP-EM-010', purpose: 'DAPO requirement/prohibition prompts ("Key:value" lines) → curfew and zones' };

/** The first prompt of this type on the first result carrying it (upstream's firstOrNull/first). */
const firstPrompt = (results: readonly JudicialResult[], id: string): JudicialResultPrompt | undefined =>
  results.flatMap((r) => r.judicialResultPrompts ?? []).find((p) => p.judicialResultPromptTypeId === id);

/**
 * Upstream getProhibitionEnforcementZone: each DAPO prohibition prompt type (not to enter, then
 * not to leave) gives at most one zone, both of them EXCLUSION zones, described
 * "<label> <value>", dated from the prompt's own "Key:value" lines.
 */
export function dapoZones(results: readonly JudicialResult[]): Zone[] {
  const zones: Zone[] = [];
  for (const type of DAPO_PROMPTS.zones) {
    const p = firstPrompt(results, type.id);
    if (!p) continue;
    const kv = keyValues(p.value);
    zones.push({
      kind: 'exclusion',
      description: `${p.label} ${p.value ?? 'null'}`,
      duration: null,
      start: fmsDateTime(cpDate(kv.get(CP_LABELS.zoneStartDate)), kv.get(CP_LABELS.zoneStartTime)),
      end: fmsDateTime(cpDate(kv.get(CP_LABELS.zoneEndDate)), kv.get(CP_LABELS.zoneEndTime)),
    });
  }
  if (zones.length) traceProcess('TP-EM-010');
  return zones;
}

/** Upstream getDapoCurfewConditions: the DAPO curfew prompt's whole text is the description; it replaces any other curfew. */
export function dapoCurfew(results: readonly JudicialResult[]): Curfew | undefined {
  const p = firstPrompt(results, DAPO_PROMPTS.curfew.id);
  if (!p) return undefined;
  traceProcess('TP-EM-010');
  const kv = keyValues(p.value);
  return {
    description: p.value ?? '',
    start: fmsDateTime(cpDate(kv.get(CP_LABELS.tagStartDate)), kv.get(CP_LABELS.tagStartTime)),
    end: fmsDateTime(cpDate(kv.get(CP_LABELS.tagEndDate)), kv.get(CP_LABELS.tagEndTime)),
  };
}
