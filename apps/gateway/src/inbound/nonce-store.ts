import { Redis } from 'ioredis';
import { type Kysely, sql } from 'kysely';
import type { NonceStore } from './ws-security.js';

/** Redis SET NX EX: atomic across gateway instances; keys expire with the replay window. */
export function redisNonceStore(url: string, prefix: string): NonceStore {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  redis.on('error', () => undefined);
  return {
    async remember(key, ttlSeconds) {
      return (await redis.set(`${prefix}:${key}`, '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')) === 'OK';
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** One process only (embedded `cp-bridge start`): a map swept on each call. */
export function memoryNonceStore(now: () => number = Date.now): NonceStore {
  const seen = new Map<string, number>();
  return {
    async remember(key, ttlSeconds) {
      const t = now();
      for (const [k, until] of seen) if (until <= t) seen.delete(k);
      if (seen.has(key)) return false;
      seen.set(key, t + ttlSeconds * 1000);
      return true;
    },
    async close() {
      seen.clear();
    },
  };
}

/**
 * The ledger's PostgreSQL (no Redis: the embedded default). Atomic across gateway processes: the
 * insert wins once per key, or takes over a key whose window has passed. Expired keys are swept
 * now and then by the same calls.
 */
export function ledgerNonceStore(db: Kysely<unknown>): NonceStore {
  let calls = 0;
  return {
    async remember(key, ttlSeconds) {
      if (++calls % 500 === 0) await sql`delete from inbound_nonces where expires_at < now()`.execute(db);
      const { rows } = await sql`
        insert into inbound_nonces (key, expires_at) values (${key}, now() + make_interval(secs => ${Math.max(1, Math.ceil(ttlSeconds))}))
        on conflict (key) do update set expires_at = excluded.expires_at where inbound_nonces.expires_at < now()
        returning key`.execute(db);
      return rows.length === 1;
    },
    async close() {},
  };
}
