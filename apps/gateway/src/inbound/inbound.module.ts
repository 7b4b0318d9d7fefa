import { type DynamicModule, Module } from '@nestjs/common';
import { InboundSpiController } from './inbound-spi.controller.js';
import { type InboundDeps, InboundRuntime } from './inbound.runtime.js';
export type { InboundDeps } from './inbound.runtime.js';
import { QuarantineController } from './quarantine.controller.js';

/** Inbound SOAP endpoints (legacy → platform) and the quarantine of what they refused. */
@Module({})
export class InboundModule {
  static with(deps: InboundDeps): DynamicModule {
    return {
      module: InboundModule,
      controllers: [InboundSpiController, QuarantineController],
      providers: [{ provide: InboundRuntime, useFactory: () => new InboundRuntime(deps) }],
    };
  }
}
