import type { Queue } from 'bullmq';
import type { Kysely } from 'kysely';
import type { OwedReconciler } from '../../../../libs/delivery/src/reconcile/owed-reconciler.js';
import type { PinStore } from '../../../../libs/contracts-kit/src/pins/index.js';
import type { DeliveryControlRepository, LedgerRepository, LedgerTables, ReviewRepository } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { UrgencyTable } from '../../../../libs/domain/src/routing/obligation.js';
import type { InboundRuntime } from '../inbound/inbound.runtime.js';
import type { ConsoleSessions, ConsoleUsers } from './console-auth.js';

export interface ConsoleDeps {
  readonly db: Kysely<LedgerTables>;
  readonly ledger: LedgerRepository;
  readonly control: DeliveryControlRepository;
  /** Decisions on notifications awaiting a person. */
  readonly reviews: ReviewRepository;
  readonly reconciler?: OwedReconciler;
  readonly pins: PinStore;
  readonly queues: ReadonlyMap<string, Queue>;
  /** Breaker states the workers publish (partner → state); null when they cannot be read. */
  readonly breakers: () => Promise<Record<string, string> | null>;
  /** bull-board's queue internals need BullMQ's Redis backend. */
  readonly queueInternals?: boolean;
  readonly prefix: string;
  readonly logger: Logger;
  /** The inbound runtime (quarantine release re-runs through its processor), when served. */
  readonly inbound?: () => InboundRuntime | undefined;
  /** Criticality per partner (critical first on the overview). */
  readonly urgency?: UrgencyTable;
  readonly users?: ConsoleUsers;
  readonly sessions?: ConsoleSessions;
}
