import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import type { XmlLimits } from '../../../../libs/xml/src/safe-xml-parser.js';
import { interpolate } from '../../../../libs/contracts-kit/src/partner-config.js';

export interface InboundConfig {
  readonly spi: { readonly versions: readonly string[]; readonly systemId: string; readonly limits: XmlLimits; readonly deadlineMinutes: number };
  readonly wsSecurity: {
    readonly replayWindowSeconds: number;
    readonly clockSkewSeconds: number;
    /** auto: Redis when the queues are on Redis, else the ledger's PostgreSQL. */
    readonly nonceStore: 'auto' | 'redis' | 'ledger' | 'memory';
    readonly redisUrl: string;
    readonly noncePrefix: string;
  };
  /** username → password, per sending partner. */
  readonly credentials: ReadonlyMap<string, { readonly partner: string; readonly password: string }>;
}

interface RawInbound {
  spi?: { versions?: string[]; systemId?: string; limits?: Partial<Record<keyof XmlLimits, number>>; deadlineMinutes?: number };
  wsSecurity?: { replayWindowSeconds?: number; clockSkewSeconds?: number; nonceStore?: string; redisUrl?: string; noncePrefix?: string };
  partners?: Record<string, { username?: string; password?: string }>;
}


const NONCE_STORES = ['auto', 'redis', 'ledger', 'memory'] as const;

/** config/inbound.json (CP_BRIDGE_INBOUND overrides the path), secrets from the environment. */
export function loadInboundConfig(path?: string, env: NodeJS.ProcessEnv = process.env): InboundConfig {
  const file = resolve(projectRoot, path ?? env.CP_BRIDGE_INBOUND ?? 'config/inbound.json');
  let raw: RawInbound;
  try {
    raw = JSON.parse(interpolate(readFileSync(file, 'utf8'), env)) as RawInbound;
  } catch (e) {
    throw new CodedError('CONFIG.INBOUND_UNREADABLE', `cannot read inbound configuration ${file}: ${(e as Error).message}`);
  }
  const credentials = new Map<string, { partner: string; password: string }>();
  for (const [partner, c] of Object.entries(raw.partners ?? {})) {
    if (!c.username || !c.password) throw new CodedError('CONFIG.INBOUND_INVALID', `inbound partner ${partner} needs username and password`);
    credentials.set(c.username, { partner, password: c.password });
  }
  const ws = raw.wsSecurity ?? {};
  const limits = raw.spi?.limits ?? {};
  return {
    spi: {
      versions: raw.spi?.versions ?? ['v1'],
      systemId: raw.spi?.systemId ?? 'C00CommonPlatform',
      limits: { maxBytes: Number(limits.maxBytes ?? 1_048_576), maxDepth: Number(limits.maxDepth ?? 48), maxElements: Number(limits.maxElements ?? 20_000) },
      deadlineMinutes: Number(raw.spi?.deadlineMinutes ?? 60),
    },
    wsSecurity: {
      replayWindowSeconds: Number(ws.replayWindowSeconds ?? 300),
      clockSkewSeconds: Number(ws.clockSkewSeconds ?? 60),
      nonceStore: NONCE_STORES.find((n) => n === ws.nonceStore) ?? 'auto',
      redisUrl: ws.redisUrl ?? 'redis://127.0.0.1:6379',
      noncePrefix: ws.noncePrefix ?? 'cpb:nonce',
    },
    credentials,
  };
}
