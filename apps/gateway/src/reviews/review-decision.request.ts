import { type Problem, problem } from '../../../../libs/domain/src/errors/problem.js';
import type { ReviewDecision, ReviewFilter } from '../../../../libs/ledger/src/index.js';

export const MAX_REASON_LENGTH = 2000;

export type ReadDecision = { readonly ok: true; readonly decision: ReviewDecision; readonly reason?: string } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * A person's decision as the API (JSON body) or the console (form) sends it: `decision` send or
 * dismiss, `reason` required to dismiss. Problems carry the JSON path, as every refusal does.
 */
export function readReviewDecision(body: unknown): ReadDecision {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  const decision = b.decision;
  if (decision !== 'send' && decision !== 'dismiss') problems.push(problem('REVIEW.DECISION_INVALID', '$.decision', 'decision must be "send" or "dismiss"'));
  const raw = b.reason;
  if (raw !== undefined && raw !== null && typeof raw !== 'string') problems.push(problem('REVIEW.REASON_INVALID', '$.reason', 'reason must be text'));
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (reason.length > MAX_REASON_LENGTH) problems.push(problem('REVIEW.REASON_TOO_LONG', '$.reason', `reason must be at most ${MAX_REASON_LENGTH} characters`));
  if (decision === 'dismiss' && !reason && (raw === undefined || raw === null || typeof raw === 'string')) problems.push(problem('REVIEW.REASON_REQUIRED', '$.reason', 'say why the partner is not to be told: a dismissal needs a reason'));
  if (problems.length) return { ok: false, problems };
  return { ok: true, decision: decision as ReviewDecision, ...(reason ? { reason } : {}) };
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `2h`, `1d` or plain seconds; undefined when absent, a problem when unreadable. */
export function readMinAge(value: string | undefined): { ms?: number; problem?: Problem } {
  if (value === undefined || value === '') return {};
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(value.trim());
  if (!m) return { problem: problem('REVIEW.MIN_AGE_INVALID', 'query.minAge', 'minAge must look like 90s, 30m, 2h, 1d or a number of seconds') };
  return { ms: Number(m[1]) * UNIT_MS[m[2] || 's']! };
}

/** The list filter from query parameters (the API's and the console's). */
export function readReviewFilter(q: Record<string, string | undefined>): { filter: ReviewFilter; problems: readonly Problem[] } {
  const problems: Problem[] = [];
  const age = readMinAge(q.minAge);
  if (age.problem) problems.push(age.problem);
  const int = (name: string, v: string | undefined, min: number, max: number): number | undefined => {
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(problem('REVIEW.PAGE_INVALID', `query.${name}`, `${name} must be a whole number from ${min} to ${max}`));
      return undefined;
    }
    return n;
  };
  const filter: ReviewFilter = {
    partner: q.partner || undefined,
    reason: q.reason || undefined,
    minAgeMs: age.ms,
    limit: int('limit', q.limit, 1, 500),
    offset: int('offset', q.offset, 0, 1_000_000),
  };
  return { filter, problems };
}
