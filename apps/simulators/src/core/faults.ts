/** Per-partner fault injection, settable at start (env/options) and at run time (PUT /_sim/:partner/faults). */
export interface Faults {
  /** Delay before answering (applies to every request, faulted or not). */
  readonly latencyMs?: number;
  readonly status?: 500 | 503 | 429;
  readonly soapFault?: boolean;
  /** Never answer (the caller's timeout must fire). */
  readonly timeout?: boolean;
  /** Destroy the socket without a reply. */
  readonly reset?: boolean;
  /** Probability (0..1) that the faults above apply to a request; absent = always. */
  readonly errorRate?: number;
  readonly htmlReply?: boolean;
  readonly emptyReply?: boolean;
  /** Process the message, then cut the reply in half (a reply lost in transit). */
  readonly truncatedReply?: boolean;
  /** Business rejection code (CJSE ResponseCode; 422 for JSON partners). */
  readonly rejectCode?: number;
  /**
   * Apply status/soapFault/timeout/reset/html/empty AFTER the message was accepted and recorded:
   * the lost-reply case, where a retry must be deduplicated by the partner.
   */
  readonly afterProcessing?: boolean;
}

const BOOLEAN_KEYS = ['soapFault', 'timeout', 'reset', 'htmlReply', 'emptyReply', 'truncatedReply', 'afterProcessing'] as const;

/** Validate untrusted JSON into Faults; returns an error message instead of throwing. */
export function parseFaults(input: unknown): { ok: true; faults: Faults } | { ok: false; error: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, error: 'faults must be a JSON object' };
  const o = input as Record<string, unknown>;
  const known = new Set<string>(['latencyMs', 'status', 'errorRate', 'rejectCode', ...BOOLEAN_KEYS]);
  const unknown = Object.keys(o).filter((k) => !known.has(k));
  if (unknown.length > 0) return { ok: false, error: `unknown fault keys: ${unknown.join(', ')}` };
  const out: Record<string, unknown> = {};
  if (o.latencyMs !== undefined) {
    if (typeof o.latencyMs !== 'number' || o.latencyMs < 0 || o.latencyMs > 600_000) return { ok: false, error: 'latencyMs must be 0..600000' };
    out.latencyMs = o.latencyMs;
  }
  if (o.status !== undefined) {
    if (o.status !== 500 && o.status !== 503 && o.status !== 429) return { ok: false, error: 'status must be 500, 503 or 429' };
    out.status = o.status;
  }
  if (o.errorRate !== undefined) {
    if (typeof o.errorRate !== 'number' || o.errorRate < 0 || o.errorRate > 1) return { ok: false, error: 'errorRate must be 0..1' };
    out.errorRate = o.errorRate;
  }
  if (o.rejectCode !== undefined) {
    if (!Number.isInteger(o.rejectCode) || (o.rejectCode as number) < 2) return { ok: false, error: 'rejectCode must be an integer other than 1' };
    out.rejectCode = o.rejectCode;
  }
  for (const k of BOOLEAN_KEYS) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'boolean') return { ok: false, error: `${k} must be a boolean` };
    out[k] = o[k];
  }
  return { ok: true, faults: out as Faults };
}

/** SIM_FAULTS='{"police":{"status":503},"electronic-monitoring":{"latencyMs":50}}' — fail fast with one clear message. */
export function faultsFromEnv(value: string | undefined): Record<string, Faults> {
  if (!value) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error('SIM_FAULTS is not valid JSON');
  }
  const out: Record<string, Faults> = {};
  for (const [partner, f] of Object.entries(parsed as Record<string, unknown>)) {
    const r = parseFaults(f);
    if (!r.ok) throw new Error(`SIM_FAULTS.${partner}: ${r.error}`);
    out[partner] = r.faults;
  }
  return out;
}

export type FaultAction = 'status' | 'soapFault' | 'timeout' | 'reset' | 'htmlReply' | 'emptyReply';

/** The transport-level fault to play for this request, if any (reject and truncation are handled apart). */
export function pickFaultAction(f: Faults): FaultAction | undefined {
  if (f.timeout) return 'timeout';
  if (f.reset) return 'reset';
  if (f.soapFault) return 'soapFault';
  if (f.status) return 'status';
  if (f.htmlReply) return 'htmlReply';
  if (f.emptyReply) return 'emptyReply';
  return undefined;
}
