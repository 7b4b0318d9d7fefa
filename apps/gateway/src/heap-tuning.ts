import { setFlagsFromString } from 'node:v8';
import { CodedError } from '../../../libs/domain/src/errors/problem.js';

/**
 * The gateway's old generation may grow to 4× what survived the last full collection before V8
 * collects it again (V8's own choice on this load was ≈ 1.2×, a full collection every 0.5–1.5 s).
 * Each full collection stalls every request in flight for 5–14 ms, and those stalls were what put
 * accept p99 at 40–50 ms at 1,000 req/s; at 4× it was 15–20 ms, for ≈ 40 MB more RSS (ADR 0010).
 * `CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT` overrides it; 0 leaves V8's own heuristic.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 300;

export function heapGrowingPercent(env: NodeJS.ProcessEnv): number {
  const raw = env.CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT;
  if (raw === undefined || raw === '') return DEFAULT_HEAP_GROWING_PERCENT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw new CodedError('CONFIG.HEAP_GROWING_PERCENT', `CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT must be a whole number from 0 to 1000, not ${JSON.stringify(raw)}`);
  }
  return n;
}

/** Applies the setting to this process's V8 (it is read at every full collection); returns it. */
export function tuneHeap(env: NodeJS.ProcessEnv = process.env, setFlags: (flags: string) => void = setFlagsFromString): number {
  const percent = heapGrowingPercent(env);
  if (percent > 0) setFlags(`--heap-growing-percent=${percent}`);
  return percent;
}
