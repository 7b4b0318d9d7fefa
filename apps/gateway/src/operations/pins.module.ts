import { type DynamicModule, Module } from '@nestjs/common';
import type { PinStore } from '../../../../libs/contracts-kit/src/pins/index.js';
import type { LedgerRepository, ShadowRepository } from '../../../../libs/ledger/src/index.js';
import { PinsController } from './pins.controller.js';
import { ShadowController } from './shadow.controller.js';
import { PINS, PINS_LEDGER, SHADOW_RESULTS } from './pins.tokens.js';

export interface PinsDeps {
  readonly pins: PinStore;
  readonly shadow: ShadowRepository;
  readonly ledger: LedgerRepository;
}

/** Operator endpoints for contract versions in service: pins in force, reload, shadow-run results. */
@Module({})
export class PinsModule {
  static with(deps: PinsDeps): DynamicModule {
    return {
      module: PinsModule,
      controllers: [PinsController, ShadowController],
      providers: [
        { provide: PINS, useValue: deps.pins },
        { provide: SHADOW_RESULTS, useValue: deps.shadow },
        { provide: PINS_LEDGER, useValue: deps.ledger },
      ],
    };
  }
}
