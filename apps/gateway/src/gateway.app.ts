import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ContractRegistry } from '../../../libs/contracts-kit/src/registry.js';
import { PinStore } from '../../../libs/contracts-kit/src/pins/index.js';
import { DEFAULT_URGENCY, type UrgencyTable } from '../../../libs/domain/src/routing/obligation.js';
import { openDispatchBackend } from '../../../libs/delivery/src/backend/dispatch-backend.js';
import { OwedReconciler } from '../../../libs/delivery/src/reconcile/owed-reconciler.js';
import { DeliveryControlRepository, LedgerRepository, ReviewRepository, ShadowRepository, openDatabase } from '../../../libs/ledger/src/index.js';
import { createLogger } from '../../../libs/observability/src/logger.js';
import { CodedExceptionFilter } from './common/coded-exception.filter.js';
import { GatewayModule } from './gateway.module.js';
import { registerInboundBodyParser, SERVER_TIMEOUTS } from './inbound/xml-body.parser.js';
import { API_CLIENTS } from './auth/api-key.guard.js';
import { intakeAwareJsonParser, registerHearingResultsIntake } from './hearing-results/hearing-results.intake.js';
import { QuarantineRepository } from '../../../libs/ledger/src/quarantine.repository.js';
import { registerConsole } from './console/console.js';
import { InboundRuntime } from './inbound/inbound.runtime.js';

export interface GatewayOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  readonly schema?: string;
  readonly partnersConfigPath?: string;
  readonly bodyLimitBytes?: number;
  /** Redis for operator views of the queues (default REDIS_URL); without one, the queues in the ledger's PostgreSQL. */
  readonly redisUrl?: string;
  readonly prefix?: string;
  /** Criticality and deadline per partner (configuration, not constants). */
  readonly urgency?: UrgencyTable;
  /** An already-open ledger database (the all-in-one process shares one). */
  readonly database?: OpenedDatabase;
  /** Nest's own SIGTERM/SIGINT handling (default true). The all-in-one process turns it off: it stops the worker and the ledger's server itself, and Nest re-raises the signal after closing the app. */
  readonly shutdownHooks?: boolean;
}

type OpenedDatabase = Awaited<ReturnType<typeof openDatabase>>;

export interface GatewayHandle {
  readonly app: NestFastifyApplication;
  /** Live partner pins (reloaded on file change; `pins.reload()` forces it). */
  readonly pins: PinStore;
  close(): Promise<void>;
}

export async function createGatewayApp(opts: GatewayOptions = {}): Promise<GatewayHandle> {
  const logger = createLogger('gateway');
  // Startup fails here when a pin names a missing version; later reloads that would are refused.
  const partners = PinStore.open({ path: opts.partnersConfigPath, registry: await ContractRegistry.discover(), log: logger });
  const owned = !opts.database;
  const database = opts.database ?? (await openDatabase({ url: opts.databaseUrl, dataDir: opts.dataDir, schema: opts.schema }));
  const ledger = new LedgerRepository(database.db);
  partners.onChange((changes) => Promise.all(changes.map((c) => ledger.appendAudit('pins', 'pin-change', { ...c, file: partners.path }))));
  // The queues are only for operator views here: while they are away, say so once per episode, don't crash or spam.
  let queuesDown = false;
  const backend = openDispatchBackend({
    redisUrl: opts.redisUrl ?? process.env.REDIS_URL,
    databaseUrl: database.url,
    prefix: opts.prefix ?? process.env.CP_BRIDGE_QUEUE_PREFIX ?? 'cpb',
    onError: (e) => {
      if (!queuesDown) logger.warn({ code: 'QUEUE.UNAVAILABLE', err: e.message }, 'queues unavailable to the gateway (operator views degraded)');
      queuesDown = true;
    },
  });
  backend.redis?.on('ready', () => (queuesDown = false));
  const queues = backend.openQueues([...partners.partners.keys()]);
  const maxAttempts = (p: string) => partners.partners.get(p)?.maxAttempts ?? 8;
  const operations = { control: new DeliveryControlRepository(database.db), reviews: new ReviewRepository(database.db), reconciler: new OwedReconciler(ledger, database.db, queues, maxAttempts, logger, backend.jobStates) };

  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.with({ ledger, partners, shadow: new ShadowRepository(database.db), urgency: opts.urgency ?? DEFAULT_URGENCY, logger, operations, inbound: { db: database.db, ledger, partners, logger, redisAvailable: backend.kind === 'redis' } }),
    new FastifyAdapter({ bodyLimit: opts.bodyLimitBytes ?? 5 * 1024 * 1024, keepAliveTimeout: 65_000, ...SERVER_TIMEOUTS }),
    { rawBody: true, logger: ['error', 'warn'] },
  );
  app.useGlobalFilters(new CodedExceptionFilter(logger));
  const fastify = app.getHttpAdapter().getInstance();
  app.useBodyParser('application/json', { bodyLimit: fastify.initialConfig.bodyLimit }, intakeAwareJsonParser(fastify));
  registerInboundBodyParser(app);
  registerHearingResultsIntake(fastify, { clients: app.get(API_CLIENTS), quarantine: new QuarantineRepository(database.db), ledger, log: logger });
  // Operations console at /console (issue 8): own session auth, operator/viewer roles.
  await registerConsole(app.getHttpAdapter().getInstance(), {
    db: database.db, ledger, ...operations, pins: partners, queues, breakers: () => backend.breakers(), queueInternals: backend.kind === 'redis', logger, urgency: opts.urgency,
    prefix: opts.prefix ?? process.env.CP_BRIDGE_QUEUE_PREFIX ?? 'cpb',
    inbound: () => { try { return app.get(InboundRuntime, { strict: false }); } catch { return undefined; } },
  });
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('cp-bridge').setDescription('Common Platform ⇄ partner agencies integration bridge').setVersion('1').build(),
  );
  // The UI needs @fastify/static, which some runtimes (Jest ESM on Node 20) cannot load; the
  // OpenAPI JSON is always served.
  const ui = await import('@fastify/static').then(() => true, () => false);
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs/json', ui });
  if (opts.shutdownHooks !== false) app.enableShutdownHooks();
  return {
    app,
    pins: partners,
    async close() {
      partners.close();
      await app.close();
      await Promise.all([...queues.values()].map((q) => q.close()));
      await backend.close();
      if (owned) await database.close();
    },
  };
}
