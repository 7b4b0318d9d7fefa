import { type DynamicModule, Module } from '@nestjs/common';
import type { PinStore } from '../../../libs/contracts-kit/src/pins/index.js';
import type { UrgencyTable } from '../../../libs/domain/src/routing/obligation.js';
import type { LedgerRepository, ShadowRepository } from '../../../libs/ledger/src/index.js';
import type { Logger } from '../../../libs/observability/src/logger.js';
import { HealthController } from './health/health.controller.js';
import { AcceptHearingResultUseCase } from './hearing-results/accept-hearing-result.use-case.js';
import { HearingResultsController } from './hearing-results/hearing-results.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { LEDGER, LOGGER, PARTNERS, URGENCY } from './tokens.js';
import { OperationsModule, type OperationsDeps } from './operations/operations.module.js';
import { AuthModule } from './auth/auth.module.js';
import { type InboundDeps, InboundModule } from './inbound/inbound.module.js';
import { PinsModule } from './operations/pins.module.js';

export interface GatewayDeps {
  readonly ledger: LedgerRepository;
  /** Live pins (a PartnersConfig that follows config/partners.json). */
  readonly partners: PinStore;
  /** Shadow-run results (GET /v1/shadow). */
  readonly shadow: ShadowRepository;
  readonly urgency: UrgencyTable;
  readonly logger: Logger;
  readonly operations: OperationsDeps;
  /** Inbound SOAP endpoints + quarantine (absent: not served). */
  readonly inbound?: InboundDeps;
}

/** The platform-facing HTTP API. Its dependencies are built once outside and handed in. */
@Module({})
export class GatewayModule {
  static with(deps: GatewayDeps): DynamicModule {
    return {
      module: GatewayModule,
      imports: [OperationsModule.with(deps.operations), PinsModule.with({ pins: deps.partners, shadow: deps.shadow, ledger: deps.ledger }), AuthModule, ...(deps.inbound ? [InboundModule.with(deps.inbound)] : [])],
      controllers: [HearingResultsController, NotificationsController, HealthController],
      providers: [
        AcceptHearingResultUseCase,
        { provide: LEDGER, useValue: deps.ledger },
        { provide: PARTNERS, useValue: deps.partners },
        { provide: URGENCY, useValue: deps.urgency },
        { provide: LOGGER, useValue: deps.logger },
      ],
    };
  }
}
