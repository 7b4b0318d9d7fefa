import { createLogger } from '../../../libs/observability/src/logger.js';
import { startWorker } from './worker.app.js';

const log = createLogger('worker');
try {
  const env = process.env;
  const handle = await startWorker({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.CP_BRIDGE_DATA_DIR,
    schema: env.CP_BRIDGE_DB_SCHEMA,
    redisUrl: env.REDIS_URL,
    prefix: env.CP_BRIDGE_QUEUE_PREFIX,
    reconcileEveryMs: env.CP_BRIDGE_RECONCILE_EVERY_MS ? Number(env.CP_BRIDGE_RECONCILE_EVERY_MS) : undefined,
    reconcileOlderThanMs: env.CP_BRIDGE_RECONCILE_OLDER_THAN_MS ? Number(env.CP_BRIDGE_RECONCILE_OLDER_THAN_MS) : undefined,
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'draining in-flight work');
    handle.close().then(
      () => process.exit(0),
      (e: Error) => {
        log.error({ err: e.message }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (e) {
  const err = e as { code?: string; message: string };
  log.fatal({ code: err.code }, err.message);
  process.exit(1);
}
