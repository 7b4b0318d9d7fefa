import type { Defendant, Hearing, JudicialResult, ProsecutionCase } from '../model/index.js';
import { defendantPath, findPhrase, shortCodeOf, type PartnerDecision, type PartnerReason } from './partner-decision.js';
import { resultsOf, type LocatedResult } from './prison.rule.js';
import { PROBATION_ORDERS, PSR_PHRASES, REPORT_FALSE_FRIENDS, REPORT_PHRASES, REQUIREMENT_CJS_CODES, REQUIREMENT_SHORT_CODES, type ProbationOrder, type RequirementType } from './probation.vocabulary.js';

const BY_ID = new Map(PROBATION_ORDERS.flatMap((o) => (o.id ? [[o.id, o] as const] : [])));
const BY_CJS = new Map(PROBATION_ORDERS.flatMap((o) => (o.cjsCode ? [[o.cjsCode, o] as const] : [])));
const BY_SHORT = new Map(PROBATION_ORDERS.flatMap((o) => (o.shortCode ? [[o.shortCode, o] as const] : [])));

/** The probation-supervised order a result makes, by type id or CJS code (structured). */
export function probationOrderOf(r: JudicialResult): ProbationOrder | undefined {
  return BY_ID.get(r.judicialResultTypeId ?? '') ?? BY_CJS.get(r.cjsCode ?? '');
}

/** The requirement a result imposes, by CJS code, else by its short code. */
export function requirementOf(r: JudicialResult): RequirementType | undefined {
  const byCjs = REQUIREMENT_CJS_CODES[r.cjsCode ?? ''];
  if (byCjs) return byCjs.type;
  const shortCode = shortCodeOf(r.resultText);
  return shortCode ? REQUIREMENT_SHORT_CODES[shortCode] : undefined;
}

/** Texts an adjournment states its reason in: its label, text, prompts and next hearing. */
function adjournmentTexts(r: JudicialResult, path: string): [string, string | undefined][] {
  return [
    [`${path}.label`, r.label],
    [`${path}.resultText`, r.resultText],
    [`${path}.nextHearing.adjournmentReason`, r.nextHearing?.adjournmentReason],
    ...(r.judicialResultPrompts ?? []).map((p, i): [string, string | undefined] => [`${path}.judicialResultPrompts[${i}].value`, `${p.label}: ${p.value ?? ''}`]),
  ];
}

/** A pre-sentence report request: an adjournment (or its next hearing) that names one. */
export function reportRequestOf(located: LocatedResult): PartnerReason | undefined {
  const r = located.result;
  if (!r.isAdjournmentResult && !r.nextHearing) return undefined;
  for (const [path, text] of adjournmentTexts(r, located.path)) {
    const phrase = findPhrase(text, PSR_PHRASES, REPORT_FALSE_FRIENDS);
    if (phrase) return { code: 'PROBATION.PSR_ADJOURNMENT', path, evidence: phrase };
  }
  return undefined;
}

function weakReasons(results: readonly LocatedResult[]): PartnerReason[] {
  const out: PartnerReason[] = [];
  for (const { result: r, path } of results) {
    const shortCode = shortCodeOf(r.resultText);
    const order = shortCode ? BY_SHORT.get(shortCode) : undefined;
    if (order) out.push({ code: 'PROBATION.SHORT_CODE', path: `${path}.resultText`, evidence: `${shortCode} ${order.label}` });
    for (const [p, text] of adjournmentTexts(r, path)) {
      const phrase = findPhrase(text, [...PSR_PHRASES, ...REPORT_PHRASES], REPORT_FALSE_FRIENDS);
      if (phrase) out.push({ code: 'PROBATION.TEXT', path: p, evidence: phrase });
    }
  }
  return out;
}

/**
 * Must probation be told about this defendant's outcome? Community orders, youth rehabilitation
 * orders, suspended sentence orders and supervision default orders are required (type id or CJS
 * code), as is an adjournment for a pre-sentence report. A requirement without its order, a short
 * code or wording alone is possible: recorded for review, never dropped.
 */
export function decideProbation(hearing: Hearing, prosecutionCase: ProsecutionCase, defendant: Defendant): PartnerDecision {
  const base = defendantPath(hearing.prosecutionCases?.indexOf(prosecutionCase) ?? 0, prosecutionCase.defendants.indexOf(defendant));
  const results = resultsOf(hearing, defendant, base);
  const required: PartnerReason[] = [];
  const requirements: PartnerReason[] = [];
  for (const located of results) {
    const r = located.result;
    const order = probationOrderOf(r);
    if (order) {
      const byId = BY_ID.has(r.judicialResultTypeId ?? '');
      required.push({ code: byId ? 'PROBATION.ORDER_RESULT' : 'PROBATION.ORDER_CJS_CODE', path: `${located.path}.${byId ? 'judicialResultTypeId' : 'cjsCode'}`, evidence: `${order.kind}: ${order.label}` });
    }
    const requirement = requirementOf(r);
    if (requirement) requirements.push({ code: 'PROBATION.REQUIREMENT', path: located.path, evidence: `${requirement}: ${r.label}` });
    const psr = reportRequestOf(located);
    if (psr) required.push(psr);
  }
  if (required.length) return { decision: 'required', reasons: [...required, ...requirements] };
  const weak = weakReasons(results);
  if (requirements.length || weak.length) {
    const note: PartnerReason = { code: 'PROBATION.NO_STRUCTURED_SIGNAL', path: base, evidence: 'a probation order or report may have been made but no known order result or PSR adjournment confirms it' };
    return { decision: 'possible', reasons: [note, ...requirements, ...weak] };
  }
  return { decision: 'none', reasons: [] };
}
