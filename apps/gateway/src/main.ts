import { createLogger } from '../../../libs/observability/src/logger.js';
import { createGatewayApp } from './gateway.app.js';
import { tuneHeap } from './heap-tuning.js';

const log = createLogger('gateway');
const port = Number(process.env.GATEWAY_PORT ?? process.env.PORT ?? 3000);
try {
  tuneHeap();
  const { app } = await createGatewayApp({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.CP_BRIDGE_DATA_DIR, schema: process.env.CP_BRIDGE_DB_SCHEMA });
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
  log.info({ port }, `gateway listening on ${await app.getUrl()} (OpenAPI at /docs)`);
} catch (e) {
  const err = e as { code?: string; message: string };
  log.fatal({ code: err.code }, err.message);
  process.exit(1);
}
