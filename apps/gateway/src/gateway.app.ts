import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ContractRegistry } from '../../../libs/contracts-kit/src/registry.js';
import { assertPinsResolvable, loadPartnersConfig } from '../../../libs/contracts-kit/src/partner-config.js';
import { DEFAULT_URGENCY } from '../../../libs/domain/src/routing/obligation.js';
import { LedgerRepository, openDatabase } from '../../../libs/ledger/src/index.js';
import { createLogger } from '../../../libs/observability/src/logger.js';
import { CodedExceptionFilter } from './common/coded-exception.filter.js';
import { GatewayModule } from './gateway.module.js';

export interface GatewayOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  readonly schema?: string;
  readonly partnersConfigPath?: string;
  readonly bodyLimitBytes?: number;
  /** An already-open ledger database (all-in-one process on embedded PGlite shares one). */
  readonly database?: OpenedDatabase;
}

type OpenedDatabase = Awaited<ReturnType<typeof openDatabase>>;

export interface GatewayHandle {
  readonly app: NestFastifyApplication;
  close(): Promise<void>;
}

export async function createGatewayApp(opts: GatewayOptions = {}): Promise<GatewayHandle> {
  const logger = createLogger('gateway');
  const partners = loadPartnersConfig(opts.partnersConfigPath);
  assertPinsResolvable(partners, await ContractRegistry.discover());
  const owned = !opts.database;
  const database = opts.database ?? (await openDatabase({ url: opts.databaseUrl, dataDir: opts.dataDir, schema: opts.schema }));
  const ledger = new LedgerRepository(database.db);

  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.with({ ledger, partners, urgency: DEFAULT_URGENCY, logger }),
    new FastifyAdapter({ bodyLimit: opts.bodyLimitBytes ?? 5 * 1024 * 1024, keepAliveTimeout: 65_000 }),
    { rawBody: true, logger: ['error', 'warn'] },
  );
  app.useGlobalFilters(new CodedExceptionFilter(logger));
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('cp-bridge').setDescription('Common Platform ⇄ partner agencies integration bridge').setVersion('1').build(),
  );
  // The UI needs @fastify/static, which some runtimes (Jest ESM on Node 20) cannot load; the
  // OpenAPI JSON is always served.
  const ui = await import('@fastify/static').then(() => true, () => false);
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs/json', ui });
  app.enableShutdownHooks();
  return {
    app,
    async close() {
      await app.close();
      if (owned) await database.close();
    },
  };
}
