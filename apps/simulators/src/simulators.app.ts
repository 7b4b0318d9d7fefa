import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { PartnerRegistry, type SimulatorsOptions } from './core/partner-registry.service.js';
import { partnerRoutesPlugin } from './core/partner-routes.js';
import { SimulatorsModule } from './simulators.module.js';

export type { SimulatorsOptions } from './core/partner-registry.service.js';

/**
 * Build the simulators app, initialised but not listening: the caller picks the port
 * (`await app.listen(0, '127.0.0.1')` in tests, PORT in main.ts).
 */
export async function createSimulatorsApp(options: SimulatorsOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Real SPI traffic reaches ~2 MB (a hundred results); leave room for escaping twice.
    bodyLimit: 20 * 1024 * 1024,
    // Faults hold sockets open on purpose; closing the app must not wait for them.
    forceCloseConnections: true,
  });
  const quiet = (options.logLevel ?? process.env.LOG_LEVEL) === 'silent';
  const app = await NestFactory.create<NestFastifyApplication>(SimulatorsModule.forRoot(options), adapter, {
    logger: quiet ? false : ['error', 'warn', 'log'],
  });
  await app.register(partnerRoutesPlugin(app.get(PartnerRegistry)));
  await app.init();
  return app;
}
