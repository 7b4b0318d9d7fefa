import { problem, type Problem } from '../errors/problem.js';
import { canonicalJson } from '../ids/canonical-json.js';
import type { HearingResulted } from '../model/index.js';
import { hearingResultedShape, platformHearingResultedShape } from './hearing-resulted.shape.js';
import { checkShape } from './shape-check.js';

export type ReadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Reads a CP hearing-resulted payload tolerantly: extra fields never cause rejection; every
 * missing or malformed field the bridge relies on is reported with its JSON path.
 */
export function readHearingResulted(json: unknown): ReadResult<HearingResulted> {
  const problems = checkShape(json, hearingResultedShape, '$');
  return problems.length ? { ok: false, problems } : { ok: true, value: json as HearingResulted };
}

/**
 * As the platform door reads it: the same, and the ids the CP schemas type as UUIDs must be UUIDs
 * (`PAYLOAD.BAD_UUID`). Offline reading stays tolerant of the placeholders in some real test data.
 */
export function readPlatformHearingResulted(json: unknown): ReadResult<HearingResulted> {
  const problems = checkShape(json, platformHearingResultedShape, '$');
  if (!problems.length) repeatedIds(json as HearingResulted, problems);
  return problems.length ? { ok: false, problems } : { ok: true, value: json as HearingResulted };
}

/**
 * An obligation is one partner, case and defendant. A case id given twice in a hearing, or a
 * defendant id twice in a case, with different content is ambiguous (which one is the result?)
 * and was a 500 that failed every request sharing its group commit: reported at the second
 * occurrence. An exact repeat says nothing new and is accepted (refusing it would lose a court
 * result over a glitch); the accept use-case owes it once.
 */
function repeatedIds(event: HearingResulted, out: Problem[]): void {
  const cases = new Map<string, number>();
  const list = event.hearing.prosecutionCases ?? [];
  for (let c = 0; c < list.length; c++) {
    const pc = list[c]!;
    const first = cases.get(pc.id);
    if (first === undefined) cases.set(pc.id, c);
    else if (canonicalJson(list[first]) !== canonicalJson(pc)) out.push(problem('PAYLOAD.DUPLICATE_ID', `$.hearing.prosecutionCases[${c}].id`, `case ${pc.id} appears more than once in the hearing, with different content`));
    const defendants = new Map<string, number>();
    for (let d = 0; d < pc.defendants.length; d++) {
      const id = pc.defendants[d]!.id;
      const seen = defendants.get(id);
      if (seen === undefined) defendants.set(id, d);
      else if (canonicalJson(pc.defendants[seen]) !== canonicalJson(pc.defendants[d])) {
        out.push(problem('PAYLOAD.DUPLICATE_ID', `$.hearing.prosecutionCases[${c}].defendants[${d}].id`, `defendant ${id} appears more than once in the case, with different content`));
      }
    }
  }
}

/** A police-result-generated event is the results context's per-defendant view; it has no `hearing`. */
export function looksLikeHearingResulted(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'hearing' in json;
}
