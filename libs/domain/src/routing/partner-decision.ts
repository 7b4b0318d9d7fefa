/**
 * What a partner routing rule (prison, probation, legal aid) decides for one defendant:
 * - required: a structured signal (result type id, CJS code, custody status, LAA reference).
 * - possible: only weak evidence (labels, short codes, free text): recorded as needs-review.
 * - none: nothing in the outcome concerns the partner.
 */
export type PartnerDecisionKind = 'required' | 'possible' | 'none';

export interface PartnerReason {
  readonly code: string;
  readonly path: string;
  readonly evidence: string;
}

export interface PartnerDecision {
  readonly decision: PartnerDecisionKind;
  readonly reasons: readonly PartnerReason[];
}

/** `ABC - text` → ABC: the result's short code as printed at the start of resultText. */
export function shortCodeOf(resultText: string | undefined): string | undefined {
  return /^([A-Z0-9]+) - /.exec(resultText ?? '')?.[1];
}

/** First phrase found in a text once the false friends are removed; undefined when none. */
export function findPhrase(text: string | undefined, phrases: readonly RegExp[], falseFriends: readonly RegExp[]): string | undefined {
  if (!text) return undefined;
  const cleaned = falseFriends.reduce((t, re) => t.replace(re, ' '), text);
  for (const re of phrases) {
    const m = re.exec(cleaned);
    if (m) return m[0];
  }
  return undefined;
}

/** JSON path of a defendant inside its hearing, as every routing rule reports it. */
export function defendantPath(casesIndex: number, defendantIndex: number): string {
  return `$.hearing.prosecutionCases[${Math.max(0, casesIndex)}].defendants[${Math.max(0, defendantIndex)}]`;
}
