import type { Redis } from 'ioredis';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';

/**
 * A queue in a Redis that may evict keys or forget them on restart can lose work silently.
 * In strict mode (production) the worker refuses to start; in dev it says so loudly.
 */
export async function checkRedisSafety(redis: Redis, log: Logger, strict: boolean): Promise<string[]> {
  const problems: string[] = [];
  const get = async (key: string) => ((await redis.config('GET', key)) as string[])[1] ?? '';
  try {
    const policy = await get('maxmemory-policy');
    if (policy !== 'noeviction') problems.push(`maxmemory-policy is ${policy}, must be noeviction (REDIS.EVICTION_POLICY)`);
    const aof = await get('appendonly');
    const save = await get('save');
    if (aof !== 'yes' && !save.trim()) problems.push('persistence is off (appendonly no, no save points): a Redis restart forgets queued work until the reconciler repairs it (REDIS.NO_PERSISTENCE)');
  } catch (e) {
    problems.push(`cannot read Redis configuration (${(e as Error).message}); check it by hand (REDIS.CONFIG_UNREADABLE)`);
  }
  if (problems.length && strict) throw new CodedError('REDIS.UNSAFE', `refusing to start: ${problems.join('; ')}`);
  for (const p of problems) log.warn({ code: 'REDIS.UNSAFE' }, `!!! Redis is not safe for queues: ${p}`);
  return problems;
}
