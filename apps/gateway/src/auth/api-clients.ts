import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import { interpolate } from '../../../../libs/contracts-kit/src/partner-config.js';

/** The development default key (config/clients.json); tests and `cp-bridge start` send it. */
export const DEV_API_KEY = process.env.CP_BRIDGE_DEV_API_KEY ?? 'cpb-dev-key';

/** Headers a platform client sends: one place, so callers never spell the scheme themselves. */
export const devAuthHeaders = (): Record<string, string> => ({ authorization: `Bearer ${DEV_API_KEY}` });

export interface ApiClients {
  /** Client name for a presented key, or undefined. Constant-time over the configured keys. */
  identify(key: string): string | undefined;
  /** What a client may do: `platform` (send hearing results, read) and `operator` (decide reviews). */
  scopesOf(name: string): ReadonlySet<string>;
  readonly size: number;
}

/** A client configured without `scopes` may use the platform API only; deciding reviews needs `operator`. */
export const DEFAULT_SCOPES: readonly string[] = ['platform'];
export const OPERATOR_SCOPE = 'operator';


/** Keys are compared as SHA-256 digests so every comparison has the same length and cost. */
const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Clients from CP_BRIDGE_API_KEYS (`name=key,name2=key2`; scopes after the name, colon-separated:
 * `ops:operator:platform=key`) when set, else config/clients.json (CP_BRIDGE_CLIENTS overrides the
 * path; each client `{ "key", "scopes"? }`). Fails fast on an empty or unreadable configuration.
 */
export function loadApiClients(env: NodeJS.ProcessEnv = process.env): ApiClients {
  const entries: { name: string; key: string; scopes?: readonly string[] }[] = [];
  if (env.CP_BRIDGE_API_KEYS?.trim()) {
    for (const item of env.CP_BRIDGE_API_KEYS.split(',')) {
      const at = item.indexOf('=');
      const [name = '', ...scopes] = item.slice(0, Math.max(at, 0)).trim().split(':');
      if (at > 0 && name && item.slice(at + 1).trim()) entries.push({ name, key: item.slice(at + 1).trim(), ...(scopes.length ? { scopes } : {}) });
    }
  } else {
    const path = resolve(projectRoot, env.CP_BRIDGE_CLIENTS ?? 'config/clients.json');
    let raw: { clients?: Record<string, { key?: string; scopes?: unknown }> };
    try {
      raw = JSON.parse(interpolate(readFileSync(path, 'utf8'), env)) as typeof raw;
    } catch (e) {
      throw new CodedError('CONFIG.CLIENTS_UNREADABLE', `cannot read API client configuration ${path}: ${(e as Error).message}`);
    }
    for (const [name, c] of Object.entries(raw.clients ?? {})) {
      if (c.scopes !== undefined && !(Array.isArray(c.scopes) && c.scopes.every((x) => typeof x === 'string'))) {
        throw new CodedError('CONFIG.CLIENTS_UNREADABLE', `client ${name} in ${path}: scopes must be a list of strings`);
      }
      if (c.key) entries.push({ name, key: c.key, ...(c.scopes ? { scopes: c.scopes as string[] } : {}) });
    }
  }
  if (entries.length === 0) throw new CodedError('CONFIG.NO_API_CLIENTS', 'no API clients configured (config/clients.json or CP_BRIDGE_API_KEYS)');
  const table = entries.map(({ name, key }) => ({ name, hash: digest(key) }));
  const scopes = new Map(entries.map((e) => [e.name, new Set(e.scopes ?? DEFAULT_SCOPES)]));
  return {
    size: table.length,
    scopesOf: (name) => scopes.get(name) ?? new Set(),
    identify(key: string) {
      const h = digest(key);
      let found: string | undefined;
      for (const c of table) if (timingSafeEqual(c.hash, h)) found ??= c.name;
      return found;
    },
  };
}
