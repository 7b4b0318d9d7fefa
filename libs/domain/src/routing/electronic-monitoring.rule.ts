import type { Defendant, Hearing, JudicialResult, Offence, ProsecutionCase } from '../model/index.js';
import {
  BAIL_CURFEW_PROMPTS,
  BAIL_PARENT_RESULTS,
  BAIL_ZONE_PROMPTS,
  COMMUNITY_PARENT_RESULTS,
  DAPO_PROMPTS,
  EM_CJS_CODES,
  EM_END_RESULTS,
  EM_NOTIFICATION_PROMPTS,
  EM_REQUIREMENT_RESULTS,
  EM_TEXT_FALSE_FRIENDS,
  EM_TEXT_PHRASES,
  IGNORED_RESULTS,
  MONITORED_PROMPT_LABELS,
} from './electronic-monitoring.vocabulary.js';

/**
 * Does a defendant's outcome impose electronic monitoring?
 *
 * - required: a structured signal (result/prompt type id) the contractor mapping can act on.
 * - possible: only weak evidence (labels, CJS or short codes without a known type id, free text).
 *   The caller records the obligation flagged for review: a miss leaves someone untagged.
 * - ignored: deliberately not for the England and Wales contractor (e.g. a Scottish order), with why.
 * - none: nothing suggests monitoring.
 */
export type MonitoringDecision = 'required' | 'possible' | 'none' | 'ignored';

export interface MonitoringReason {
  readonly code: string;
  readonly path: string;
  readonly evidence: string;
}

export interface MonitoringDetection {
  readonly decision: MonitoringDecision;
  readonly reasons: readonly MonitoringReason[];
}

const ids = (list: readonly { id: string }[]): ReadonlySet<string> => new Set(list.map((x) => x.id));
const BAIL_PARENT_IDS = ids(BAIL_PARENT_RESULTS);
const COMMUNITY_PARENT_IDS = ids(COMMUNITY_PARENT_RESULTS);
const BAIL_CONDITION_PROMPT_IDS = new Set([...BAIL_CURFEW_PROMPTS, ...BAIL_ZONE_PROMPTS].map((p) => p.id));
const DAPO_PROMPT_IDS: ReadonlySet<string> = new Set<string>([DAPO_PROMPTS.curfew.id, ...DAPO_PROMPTS.zones.map((z) => z.id)]);
const REQUIREMENT_BY_ID = new Map(EM_REQUIREMENT_RESULTS.map((r) => [r.id, r]));
const IGNORED_BY_ID = new Map(IGNORED_RESULTS.map((r) => [r.id, r]));
const END_IDS = ids(EM_END_RESULTS);
const REQUIREMENT_SHORT_CODES = new Set(EM_REQUIREMENT_RESULTS.flatMap((r) => (r.shortCode ? [r.shortCode] : [])));
const PARENT_SHORT_CODES = new Set([...BAIL_PARENT_RESULTS, ...COMMUNITY_PARENT_RESULTS].flatMap((r) => (r.shortCode ? [r.shortCode] : [])));
const LOWER_LABELS = MONITORED_PROMPT_LABELS.map((l) => l.toLowerCase());

const promptIds = (r: JudicialResult): string[] => (r.judicialResultPrompts ?? []).map((p) => p.judicialResultPromptTypeId ?? '');

/**
 * The structured test the contractor mapping relies on, per offence — upstream
 * HearingEventHandler.isEnglandAndWalesEMRequest (hmpps-electronic-monitoring-create-an-order-api
 * @ 9c698f78): no Community order Scotland result on the offence, and some result that is either
 * a CommunityOrderType (an EM requirement, or a DAPO / DAPO variation, whatever its prompts say)
 * or a bail/remand-to-care result carrying a BailOrderType condition prompt or the bail EM
 * notification flag. Returns the reasons when it holds, an empty list when not.
 */
export function structuredMonitoringReasons(offence: Offence, path: string): MonitoringReason[] {
  const results = offence.judicialResults ?? [];
  if (results.some((r) => IGNORED_BY_ID.has(r.judicialResultTypeId ?? ''))) return [];
  const reasons: MonitoringReason[] = [];
  results.forEach((r, i) => {
    const at = `${path}.judicialResults[${i}]`;
    const typeId = r.judicialResultTypeId ?? '';
    const requirement = REQUIREMENT_BY_ID.get(typeId);
    if (requirement) {
      reasons.push({ code: 'EM.REQUIREMENT_RESULT', path: `${at}.judicialResultTypeId`, evidence: `${typeId} ${requirement.label}` });
      // A DAPO's monitored requirement or prohibition prompt is named too (the order maps it).
      const p = requirement.kind === 'dapo' ? promptIds(r).findIndex((id) => DAPO_PROMPT_IDS.has(id)) : -1;
      if (p >= 0) reasons.push({ code: 'EM.DAPO_MONITORED_PROMPT', path: `${at}.judicialResultPrompts[${p}]`, evidence: r.judicialResultPrompts![p]!.label });
    }
    if (BAIL_PARENT_IDS.has(typeId)) {
      promptIds(r).forEach((pid, p) => {
        if (BAIL_CONDITION_PROMPT_IDS.has(pid) || pid === EM_NOTIFICATION_PROMPTS.bail.id) {
          const code = pid === EM_NOTIFICATION_PROMPTS.bail.id ? 'EM.BAIL_NOTIFICATION' : 'EM.BAIL_MONITORED_CONDITION';
          reasons.push({ code, path: `${at}.judicialResultPrompts[${p}]`, evidence: r.judicialResultPrompts![p]!.label });
        }
      });
    }
  });
  return reasons;
}

function stripFalseFriends(text: string): string {
  return EM_TEXT_FALSE_FRIENDS.reduce((t, re) => t.replace(re, ' '), text);
}

function textReason(text: string | undefined, path: string): MonitoringReason | undefined {
  if (!text) return undefined;
  const cleaned = stripFalseFriends(text);
  for (const re of EM_TEXT_PHRASES) {
    const m = re.exec(cleaned);
    if (m) return { code: 'EM.TEXT', path, evidence: m[0] };
  }
  return undefined;
}

/** Weak signals in one result: labels, CJS and short codes, text. Ids are judged elsewhere. */
function weakResultReasons(r: JudicialResult, at: string): MonitoringReason[] {
  const out: MonitoringReason[] = [];
  const typeId = r.judicialResultTypeId ?? '';
  if (END_IDS.has(typeId)) out.push({ code: 'EM.END_NOTIFIED', path: `${at}.judicialResultTypeId`, evidence: r.label });
  if (r.cjsCode && EM_CJS_CODES[r.cjsCode]) out.push({ code: 'EM.CJS_CODE', path: `${at}.cjsCode`, evidence: `${r.cjsCode} ${EM_CJS_CODES[r.cjsCode]}` });
  const shortCode = /^([A-Z0-9]+) - /.exec(r.resultText ?? '')?.[1];
  if (shortCode && REQUIREMENT_SHORT_CODES.has(shortCode)) out.push({ code: 'EM.SHORT_CODE', path: `${at}.resultText`, evidence: shortCode });
  (r.judicialResultPrompts ?? []).forEach((p, i) => {
    const label = p.label.toLowerCase();
    if (LOWER_LABELS.some((l) => label.startsWith(l))) out.push({ code: 'EM.PROMPT_LABEL', path: `${at}.judicialResultPrompts[${i}].label`, evidence: p.label });
  });
  const inLabel = textReason(r.label, `${at}.label`);
  if (inLabel) out.push(inLabel);
  const inText = textReason(r.resultText, `${at}.resultText`);
  if (inText) out.push(inText);
  return out;
}

function supportingReasons(r: JudicialResult, at: string): MonitoringReason[] {
  const shortCode = /^([A-Z0-9]+) - /.exec(r.resultText ?? '')?.[1];
  const typeId = r.judicialResultTypeId ?? '';
  if ((shortCode && PARENT_SHORT_CODES.has(shortCode)) || BAIL_PARENT_IDS.has(typeId) || COMMUNITY_PARENT_IDS.has(typeId)) {
    return [{ code: 'EM.ORDER_CONTEXT', path: at, evidence: shortCode ?? r.label }];
  }
  return [];
}

export function detectMonitoring(hearing: Hearing, prosecutionCase: ProsecutionCase, defendant: Defendant): MonitoringDetection {
  const c = Math.max(0, hearing.prosecutionCases?.indexOf(prosecutionCase) ?? 0);
  const d = Math.max(0, prosecutionCase.defendants.indexOf(defendant));
  const base = `$.hearing.prosecutionCases[${c}].defendants[${d}]`;

  const required: MonitoringReason[] = [];
  const ignored: MonitoringReason[] = [];
  const weak: MonitoringReason[] = [];
  const supporting: MonitoringReason[] = [];

  const scan = (results: readonly JudicialResult[] | undefined, path: string): void => {
    (results ?? []).forEach((r, i) => {
      const at = `${path}[${i}]`;
      const ignoredBy = IGNORED_BY_ID.get(r.judicialResultTypeId ?? '');
      if (ignoredBy) ignored.push({ code: 'EM.IGNORED_ORDER', path: `${at}.judicialResultTypeId`, evidence: `${ignoredBy.label}: ${ignoredBy.reason}` });
      weak.push(...weakResultReasons(r, at));
      supporting.push(...supportingReasons(r, at));
    });
  };

  defendant.offences.forEach((o, i) => {
    const path = `${base}.offences[${i}]`;
    required.push(...structuredMonitoringReasons(o, path));
    scan(o.judicialResults, `${path}.judicialResults`);
  });
  scan(defendant.judicialResults, `${base}.judicialResults`);
  (hearing.defendantJudicialResults ?? []).forEach((djr, i) => {
    if (djr.masterDefendantId === (defendant.masterDefendantId ?? defendant.id)) scan([djr.judicialResult], `$.hearing.defendantJudicialResults[${i}].judicialResult`);
  });
  const bail = textReason(defendant.personDefendant?.bailConditions, `${base}.personDefendant.bailConditions`);
  if (bail) weak.push({ ...bail, code: 'EM.BAIL_CONDITIONS_TEXT' });

  if (!defendant.personDefendant && (required.length || weak.length)) {
    return { decision: 'ignored', reasons: [{ code: 'EM.NOT_A_PERSON', path: base, evidence: 'an organisation cannot be electronically monitored' }, ...required, ...weak] };
  }
  if (required.length) return { decision: 'required', reasons: [...required, ...supporting] };
  if (ignored.length) return { decision: 'ignored', reasons: [...ignored, ...weak] };
  if (weak.length) {
    const note = { code: 'EM.NO_STRUCTURED_SIGNAL', path: base, evidence: 'monitoring is suggested but no known EM result or prompt type id was found' };
    return { decision: 'possible', reasons: [note, ...weak, ...supporting] };
  }
  return { decision: 'none', reasons: [] };
}
