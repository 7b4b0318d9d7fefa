import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodedError } from '../../domain/src/errors/problem.js';
import type { ContractRegistry } from './registry.js';
import { projectRoot } from './paths.js';

/** A pin: which contract version a partner (or one routing key within it) speaks from when. */
export interface PinRoute {
  readonly key?: string;
  readonly contract: string;
  readonly effectiveFrom?: string;
}

export interface PartnerSettings {
  readonly name: string;
  readonly contract: string;
  readonly routes: readonly PinRoute[];
  readonly url: string;
  readonly timeoutMs: number;
  /** Calls to this partner at once, per worker process: what its endpoint is asked to take. */
  readonly concurrency: number;
  /**
   * Notifications a worker process works on at once for this partner (claiming, mapping, the call,
   * recording). More than `concurrency`, so the partner's connections stay busy while others wait
   * on the ledger's batched statements; the extra ones queue for a call slot (ADR 0009).
   */
  readonly inFlight: number;
  readonly maxAttempts: number;
  /** Stop retrying transport failures once a notification is this old (park PARTNER.MAX_AGE_EXCEEDED). */
  readonly maxAgeMs: number;
  /** Base of the full-jitter exponential backoff between transport retries. */
  readonly backoffBaseMs: number;
  /** Ceiling of a single backoff delay. */
  readonly backoffMaxMs: number;
  /** At most `max` deliveries per `durationMs` to this partner (across all workers). */
  readonly rateLimit?: { readonly max: number; readonly durationMs: number };
  readonly breaker: { readonly failuresToOpen: number; readonly halfOpenAfterMs: number };
  /** Partner reply codes known to be transient (retried), e.g. CJSE codes operators name. */
  readonly transientCodes: readonly number[];
  readonly settings: Readonly<Record<string, string>>;
  /**
   * Where the data its contracts declare as enrichments is looked up, by kind (e.g.
   * `prosecution-case-file` → the case file query base URL; the key is appended). A relative URL is
   * resolved against the partner's own URL. A kind with no source here is mapped without it, said
   * once at start (ENRICHMENT.NOT_CONFIGURED).
   */
  readonly enrichment?: Readonly<Record<string, string>>;
}

export interface PartnersConfig {
  readonly partners: ReadonlyMap<string, PartnerSettings>;
}

/** Default notifications in flight per call slot (ADR 0009: 2 kept the cores busy in a drain at the least CPU and memory). */
export const IN_FLIGHT_PER_CALL = 2;

function positiveInt(value: unknown, partner: string, field: string, path: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CodedError('CONFIG.PARTNER_INVALID', `partner ${partner} in ${path}: "${field}" must be a whole number of 1 or more, not ${JSON.stringify(value)}`);
  return n;
}

/** A relative source URL is resolved against the partner's URL (same host as the partner by default). */
function resolveAgainst(url: string, base: string): string {
  try {
    return new URL(url, base).toString();
  } catch {
    return url;
  }
}

/** ${VAR:-default} from the environment, so one file serves dev, CI and production. */
export function interpolate(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_m, name: string, def?: string) => env[name] ?? def ?? '');
}

export function partnersConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(projectRoot, env.CP_BRIDGE_PARTNERS ?? 'config/partners.json');
}

export function loadPartnersConfig(path = partnersConfigPath(), env: NodeJS.ProcessEnv = process.env): PartnersConfig {
  let raw: { partners?: Record<string, Record<string, unknown>> };
  try {
    raw = JSON.parse(interpolate(readFileSync(path, 'utf8'), env)) as typeof raw;
  } catch (e) {
    throw new CodedError('CONFIG.PARTNERS_UNREADABLE', `cannot read partner configuration ${path}: ${(e as Error).message}`);
  }
  const partners = new Map<string, PartnerSettings>();
  for (const [name, p] of Object.entries(raw.partners ?? {})) {
    if (typeof p.contract !== 'string' || typeof p.url !== 'string') {
      throw new CodedError('CONFIG.PARTNER_INVALID', `partner ${name} in ${path} needs "contract" and "url"`);
    }
    const concurrency = positiveInt(p.concurrency ?? 16, name, 'concurrency', path);
    partners.set(name, {
      name,
      contract: p.contract,
      routes: Array.isArray(p.routes) ? (p.routes as PinRoute[]) : [],
      url: p.url,
      timeoutMs: Number(p.timeoutMs ?? 10_000),
      concurrency,
      inFlight: Math.max(concurrency, positiveInt(p.inFlight ?? IN_FLIGHT_PER_CALL * concurrency, name, 'inFlight', path)),
      maxAttempts: Number(p.maxAttempts ?? 8),
      maxAgeMs: Number(p.maxAgeMs ?? 24 * 3600_000),
      backoffBaseMs: Number(p.backoffBaseMs ?? 1000),
      backoffMaxMs: Number(p.backoffMaxMs ?? 5 * 60_000),
      rateLimit: p.rateLimit as PartnerSettings['rateLimit'],
      breaker: { failuresToOpen: 10, halfOpenAfterMs: 5_000, ...(p.breaker as object) },
      transientCodes: Array.isArray(p.transientCodes) ? (p.transientCodes as number[]) : [],
      settings: (p.settings as Record<string, string>) ?? {},
      enrichment: Object.fromEntries(Object.entries((p.enrichment as Record<string, string> | undefined) ?? {}).map(([kind, url]) => [kind, resolveAgainst(url, p.url as string)])),
    });
  }
  return { partners };
}

/** The contract version for a partner (and routing key) at a time: the latest effective route wins. */
export function resolvePin(config: PartnersConfig, partner: string, routingKey: string | undefined, at: Date): string {
  const p = config.partners.get(partner);
  if (!p) throw new CodedError('CONFIG.UNKNOWN_PARTNER', `no configuration for partner ${partner}`);
  const effective = p.routes
    .filter((r) => (r.key === undefined || r.key === routingKey) && (!r.effectiveFrom || new Date(r.effectiveFrom) <= at))
    .sort((a, b) => Number(a.key === undefined) - Number(b.key === undefined) || (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? ''));
  return effective[0]?.contract ?? p.contract;
}

/** Startup check: every pin names a registered version, or the process refuses to start. */
export function assertPinsResolvable(config: PartnersConfig, registry: ContractRegistry): void {
  const missing: string[] = [];
  for (const p of config.partners.values()) {
    for (const ref of [p.contract, ...p.routes.map((r) => r.contract)]) {
      if (!registry.has(ref)) missing.push(`${p.name} → ${ref}`);
    }
  }
  if (missing.length) {
    throw new CodedError('CONFIG.PIN_MISSING_VERSION', `partner pins name contract versions that do not exist: ${missing.join('; ')} (registered: ${registry.refs().join(', ') || 'none'})`);
  }
}
