export { openDatabase, type LedgerDatabase, type OpenDatabaseOptions } from './database.js';
export { LedgerRepository } from './ledger.repository.js';
export { LedgerErrorCode } from './ledger.errors.js';
export { NOTIFICATION_STATUSES, type LedgerTables } from './ledger.tables.js';
export type * from './ledger.types.js';
export { DeliveryControlRepository, owedOutsideOutbox, type ParkedFilter, type ParkedRow, type ReplayResult, type Escalation, type Blocker } from './delivery-control.repository.js';
export { QuarantineRepository, type QuarantineEntry, type NewQuarantineEntry, type QuarantineFilter } from './quarantine.repository.js';
export { ShadowRepository, type NewShadowResult, type ShadowResult, type ShadowDifference } from './shadow.repository.js';
export { AcceptBatcher } from './accept-batcher.js';
