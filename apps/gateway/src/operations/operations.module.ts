import { type DynamicModule, Module } from '@nestjs/common';
import type { OwedReconciler } from '../../../../libs/delivery/src/reconcile/owed-reconciler.js';
import type { DeliveryControlRepository, ReviewRepository } from '../../../../libs/ledger/src/index.js';
import { ReviewsController } from '../reviews/reviews.controller.js';
import { REVIEWS } from '../reviews/reviews.tokens.js';
import { ParkedController } from './parked.controller.js';
import { ReconciliationController } from './reconciliation.controller.js';

import { CONTROL, RECONCILER } from './operations.tokens.js';

export interface OperationsDeps {
  readonly control: DeliveryControlRepository;
  /** Decisions on notifications awaiting a person (needs-review). */
  readonly reviews: ReviewRepository;
  /** Needs Redis (queue lookups); absent when the gateway runs without it. */
  readonly reconciler?: OwedReconciler;
}

/** Operator endpoints: parked notifications, replay, reviews, reconciliation. */
@Module({})
export class OperationsModule {
  static with(deps: OperationsDeps): DynamicModule {
    return {
      module: OperationsModule,
      controllers: [ParkedController, ReviewsController, ReconciliationController],
      providers: [
        { provide: CONTROL, useValue: deps.control },
        { provide: REVIEWS, useValue: deps.reviews },
        { provide: RECONCILER, useValue: deps.reconciler ?? null },
      ],
    };
  }
}
