import { Redis } from 'ioredis';
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
