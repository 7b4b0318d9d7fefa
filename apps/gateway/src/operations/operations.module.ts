import { type DynamicModule, Module } from '@nestjs/common';
import type { OwedReconciler } from '../../../../libs/delivery/src/reconcile/owed-reconciler.js';
import type { DeliveryControlRepository } from '../../../../libs/ledger/src/index.js';
import { ParkedController } from './parked.controller.js';
import { ReconciliationController } from './reconciliation.controller.js';

import { CONTROL, RECONCILER } from './operations.tokens.js';

export interface OperationsDeps {
  readonly control: DeliveryControlRepository;
  /** Needs Redis (queue lookups); absent when the gateway runs without it. */
  readonly reconciler?: OwedReconciler;
}

/** Operator endpoints: parked notifications, replay, reconciliation. */
@Module({})
export class OperationsModule {
  static with(deps: OperationsDeps): DynamicModule {
    return {
      module: OperationsModule,
      controllers: [ParkedController, ReconciliationController],
      providers: [
        { provide: CONTROL, useValue: deps.control },
        { provide: RECONCILER, useValue: deps.reconciler ?? null },
      ],
    };
  }
}
