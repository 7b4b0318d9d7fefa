import { setFlagsFromString } from 'node:v8';
import { CodedError } from '../../../libs/domain/src/errors/problem.js';

/**
 * The gateway's V8 heap settings (ADR 0010). Each full collection stalls every request in flight
 * well beyond its reported pause on two busy cores, so the gateway makes them rarer:
 *  - the old generation may grow to 4× what survived the last full collection before the next
 *    (V8's own choice on this load was usually ≈ 1.2×: one every 0.5–1.5 s);
 *  - allocation-site pretenuring is off: V8 had started allocating some per-request objects
 *    straight into the old generation, where only a full collection frees them.
 * `CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT` (0 leaves V8's heuristic) and
 * `CP_BRIDGE_GATEWAY_PRETENURING=on` (V8's default) override them.
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

/** The V8 flags the environment asks for, in the order they are applied. */
export function heapFlags(env: NodeJS.ProcessEnv): string[] {
  const percent = heapGrowingPercent(env);
  const pretenuring = (env.CP_BRIDGE_GATEWAY_PRETENURING ?? 'off').trim().toLowerCase() || 'off';
  if (pretenuring !== 'on' && pretenuring !== 'off') {
    throw new CodedError('CONFIG.PRETENURING', `CP_BRIDGE_GATEWAY_PRETENURING must be "on" or "off", not ${JSON.stringify(env.CP_BRIDGE_GATEWAY_PRETENURING)}`);
  }
  return [...(percent > 0 ? [`--heap-growing-percent=${percent}`] : []), ...(pretenuring === 'off' ? ['--no-allocation-site-pretenuring'] : [])];
}

/** Applies them to this process's V8 (both are read as the heap works, not only at start). */
export function tuneHeap(env: NodeJS.ProcessEnv = process.env, setFlags: (flags: string) => void = setFlagsFromString): string[] {
  const flags = heapFlags(env);
  for (const f of flags) setFlags(f);
  return flags;
}
