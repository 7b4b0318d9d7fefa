export { openDatabase, type LedgerDatabase, type OpenDatabaseOptions } from './database.js';
export { LedgerRepository } from './ledger.repository.js';
export { LedgerErrorCode } from './ledger.errors.js';
export { NOTIFICATION_STATUSES, type LedgerTables } from './ledger.tables.js';
export type * from './ledger.types.js';
