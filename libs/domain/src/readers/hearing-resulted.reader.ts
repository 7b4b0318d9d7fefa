import type { Problem } from '../errors/problem.js';
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
  return problems.length ? { ok: false, problems } : { ok: true, value: json as HearingResulted };
}

/** A police-result-generated event is the results context's per-defendant view; it has no `hearing`. */
export function looksLikeHearingResulted(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'hearing' in json;
}
