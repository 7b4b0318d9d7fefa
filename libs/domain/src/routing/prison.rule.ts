import type { Defendant, Hearing, JudicialResult, ProsecutionCase } from '../model/index.js';
import { defendantPath, findPhrase, shortCodeOf, type PartnerDecision, type PartnerReason } from './partner-decision.js';
import {
  AT_LIBERTY_STATUSES,
  CUSTODY_FALSE_FRIENDS,
  CUSTODY_PHRASES,
  CUSTODY_RESULTS,
  CUSTODY_STATUSES,
  RELEASE_PHRASES,
  type CustodyResult,
} from './prison.vocabulary.js';

const BY_ID = new Map(CUSTODY_RESULTS.flatMap((r) => (r.id ? [[r.id, r] as const] : [])));
const BY_CJS = new Map(CUSTODY_RESULTS.flatMap((r) => (r.cjsCode ? [[r.cjsCode, r] as const] : [])));
const BY_SHORT = new Map(CUSTODY_RESULTS.flatMap((r) => (r.shortCode ? [[r.shortCode, r] as const] : [])));

/** One result of a defendant with where it sits in the payload. */
export interface LocatedResult {
  readonly result: JudicialResult;
  readonly path: string;
  /** Offence the result belongs to; undefined for defendant-level results. */
  readonly offenceIndex?: number;
}

/** Every result that concerns a defendant: per offence, on the defendant, and hearing-level ones keyed to them. */
export function resultsOf(hearing: Hearing, defendant: Defendant, base: string): LocatedResult[] {
  const out: LocatedResult[] = [];
  defendant.offences.forEach((o, oi) => (o.judicialResults ?? []).forEach((result, i) => out.push({ result, path: `${base}.offences[${oi}].judicialResults[${i}]`, offenceIndex: oi })));
  (defendant.judicialResults ?? []).forEach((result, i) => out.push({ result, path: `${base}.judicialResults[${i}]` }));
  (hearing.defendantJudicialResults ?? []).forEach((djr, i) => {
    if (djr.masterDefendantId === (defendant.masterDefendantId ?? defendant.id)) out.push({ result: djr.judicialResult, path: `$.hearing.defendantJudicialResults[${i}].judicialResult` });
  });
  return out.filter((r) => r.result.isDeleted !== true);
}

/** The custody result a judicial result is, by its structured type id or CJS code; undefined when neither. */
export function custodyResultOf(r: JudicialResult): CustodyResult | undefined {
  return BY_ID.get(r.judicialResultTypeId ?? '') ?? BY_CJS.get(r.cjsCode ?? '');
}

/** Custody status the result leaves the defendant in, when it is custody (C or P). */
export function custodyStatusOf(r: JudicialResult): string | undefined {
  const s = r.postHearingCustodyStatus?.toUpperCase();
  return s && CUSTODY_STATUSES[s] ? s : undefined;
}

function structuredReasons(results: readonly LocatedResult[]): PartnerReason[] {
  const out: PartnerReason[] = [];
  for (const { result: r, path } of results) {
    const byId = BY_ID.get(r.judicialResultTypeId ?? '');
    if (byId) out.push({ code: 'PRISON.CUSTODY_RESULT', path: `${path}.judicialResultTypeId`, evidence: `${byId.kind}: ${byId.label}` });
    const byCjs = !byId ? BY_CJS.get(r.cjsCode ?? '') : undefined;
    if (byCjs) out.push({ code: 'PRISON.CUSTODY_CJS_CODE', path: `${path}.cjsCode`, evidence: `${r.cjsCode} ${byCjs.label}` });
    const status = custodyStatusOf(r);
    if (status) out.push({ code: 'PRISON.CUSTODY_STATUS', path: `${path}.postHearingCustodyStatus`, evidence: `${status} ${CUSTODY_STATUSES[status]}` });
  }
  return out;
}

function weakReasons(results: readonly LocatedResult[]): PartnerReason[] {
  const out: PartnerReason[] = [];
  for (const { result: r, path } of results) {
    const shortCode = shortCodeOf(r.resultText);
    const byShort = shortCode ? BY_SHORT.get(shortCode) : undefined;
    if (byShort) out.push({ code: 'PRISON.SHORT_CODE', path: `${path}.resultText`, evidence: `${shortCode} ${byShort.label}` });
    for (const [field, text] of [['label', r.label], ['resultText', r.resultText]] as const) {
      const phrase = findPhrase(text, CUSTODY_PHRASES, CUSTODY_FALSE_FRIENDS);
      if (phrase) out.push({ code: 'PRISON.TEXT', path: `${path}.${field}`, evidence: phrase });
      const release = findPhrase(text, RELEASE_PHRASES, []);
      if (release) out.push({ code: 'PRISON.RELEASE_TEXT', path: `${path}.${field}`, evidence: release });
    }
  }
  return out;
}

/**
 * Must the prison be told about this defendant's outcome? Remands and committals in custody and
 * custodial sentences are required (structured: type id, CJS code, post-hearing custody status).
 * A defendant held in custody (bail status C) whose outcome holds no custody result may have been
 * released: possible, so a person confirms. Labels and text alone are possible, never nothing.
 */
export function decidePrison(hearing: Hearing, prosecutionCase: ProsecutionCase, defendant: Defendant): PartnerDecision {
  const base = defendantPath(hearing.prosecutionCases?.indexOf(prosecutionCase) ?? 0, prosecutionCase.defendants.indexOf(defendant));
  if (!defendant.personDefendant) return { decision: 'none', reasons: [] };
  const results = resultsOf(hearing, defendant, base);
  const required = structuredReasons(results);
  if (required.length) return { decision: 'required', reasons: required };

  const weak = weakReasons(results);
  const bail = defendant.personDefendant.bailStatus?.code?.toUpperCase();
  if (bail === 'C') {
    const liberty = results.find((r) => AT_LIBERTY_STATUSES[r.result.postHearingCustodyStatus?.toUpperCase() ?? '']);
    const reason: PartnerReason = liberty
      ? { code: 'PRISON.RELEASE', path: `${liberty.path}.postHearingCustodyStatus`, evidence: `in custody before the hearing; result leaves status ${liberty.result.postHearingCustodyStatus}` }
      : { code: 'PRISON.IN_CUSTODY', path: `${base}.personDefendant.bailStatus.code`, evidence: 'defendant is in custody; no custody result says whether they stay or are released' };
    return { decision: 'possible', reasons: [reason, ...weak] };
  }
  if (weak.length) return { decision: 'possible', reasons: [{ code: 'PRISON.NO_STRUCTURED_SIGNAL', path: base, evidence: 'custody is suggested but no known custody result, CJS code or status confirms it' }, ...weak] };
  return { decision: 'none', reasons: [] };
}
