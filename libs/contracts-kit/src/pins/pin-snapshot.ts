import { readFileSync } from 'node:fs';
import { CodedError } from '../../../domain/src/errors/problem.js';
import { assertPinsResolvable, loadPartnersConfig, type PartnersConfig, type PinRoute } from '../partner-config.js';
import type { ContractRegistry } from '../registry.js';

/**
 * One validated reading of config/partners.*: the partner settings (pins and routes, as
 * loadPartnersConfig reads them) plus each partner's optional shadow version
 * (`"shadow": "police-results@v2"`: mapped beside the pin for every notification, never sent).
 */
export interface PinSnapshot {
  readonly config: PartnersConfig;
  readonly shadows: ReadonlyMap<string, string>;
  readonly path: string;
  readonly loadedAt: Date;
}

/** One effective change between two snapshots, as written to the audit log. */
export interface PinChange {
  readonly partner: string;
  /** `contract`: the partner's default pin; `route`: one routing key's pin; `shadow`; `partner` added/removed. */
  readonly what: 'contract' | 'route' | 'shadow' | 'partner';
  /** The route's routing key (`*` for a route without key) and effective-from, for `route`. */
  readonly key?: string;
  readonly effectiveFrom?: string;
  readonly from: string | null;
  readonly to: string | null;
}

function readShadows(path: string): Map<string, string> {
  // The raw file (not interpolated): shadows are plain refs; ${VAR} placeholders sit inside strings, so it parses.
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { partners?: Record<string, { shadow?: unknown }> };
  const shadows = new Map<string, string>();
  for (const [name, p] of Object.entries(raw.partners ?? {})) {
    if (p.shadow === undefined || p.shadow === null || p.shadow === '') continue;
    if (typeof p.shadow !== 'string') throw new CodedError('CONFIG.PARTNER_INVALID', `partner ${name} in ${path}: "shadow" must be a contract reference like police-results@v2`);
    shadows.set(name, p.shadow);
  }
  return shadows;
}

/**
 * Read and validate: every pin, route and shadow names a registered version, or this throws the
 * startup message (CONFIG.PIN_MISSING_VERSION). A store refuses a reload that throws here.
 */
export function loadPinSnapshot(path: string, registry: ContractRegistry, env: NodeJS.ProcessEnv = process.env): PinSnapshot {
  const config = loadPartnersConfig(path, env);
  assertPinsResolvable(config, registry);
  const shadows = readShadows(path);
  const missing = [...shadows].filter(([, ref]) => !registry.has(ref)).map(([p, ref]) => `${p} → shadow ${ref}`);
  if (missing.length) {
    throw new CodedError('CONFIG.PIN_MISSING_VERSION', `partner shadows name contract versions that do not exist: ${missing.join('; ')} (registered: ${registry.refs().join(', ') || 'none'})`);
  }
  const unknown = [...shadows.keys()].filter((p) => !config.partners.has(p));
  if (unknown.length) throw new CodedError('CONFIG.PARTNER_INVALID', `shadow for unknown partner(s): ${unknown.join(', ')}`);
  return { config, shadows, path, loadedAt: new Date() };
}

const routeKey = (r: PinRoute): string => `${r.key ?? '*'}|${r.effectiveFrom ?? ''}`;

/** The effective changes from `a` to `b`, per partner and per route (old → new). */
export function diffPins(a: PinSnapshot, b: PinSnapshot): PinChange[] {
  const changes: PinChange[] = [];
  const names = [...new Set([...a.config.partners.keys(), ...b.config.partners.keys()])].sort();
  for (const partner of names) {
    const pa = a.config.partners.get(partner);
    const pb = b.config.partners.get(partner);
    if (!pa || !pb) {
      changes.push({ partner, what: 'partner', from: pa?.contract ?? null, to: pb?.contract ?? null });
      continue;
    }
    if (pa.contract !== pb.contract) changes.push({ partner, what: 'contract', from: pa.contract, to: pb.contract });
    const ra = new Map(pa.routes.map((r) => [routeKey(r), r]));
    const rb = new Map(pb.routes.map((r) => [routeKey(r), r]));
    for (const k of [...new Set([...ra.keys(), ...rb.keys()])].sort()) {
      const from = ra.get(k)?.contract ?? null;
      const to = rb.get(k)?.contract ?? null;
      if (from === to) continue;
      const r = (rb.get(k) ?? ra.get(k))!;
      changes.push({ partner, what: 'route', key: r.key ?? '*', ...(r.effectiveFrom ? { effectiveFrom: r.effectiveFrom } : {}), from, to });
    }
    const sa = a.shadows.get(partner) ?? null;
    const sb = b.shadows.get(partner) ?? null;
    if (sa !== sb) changes.push({ partner, what: 'shadow', from: sa, to: sb });
  }
  return changes;
}

export const describeChange = (c: PinChange): string =>
  `${c.partner}${c.what === 'route' ? ` route ${c.key}${c.effectiveFrom ? ` from ${c.effectiveFrom}` : ''}` : c.what === 'contract' ? '' : ` ${c.what}`}: ${c.from ?? '(none)'} → ${c.to ?? '(none)'}`;
