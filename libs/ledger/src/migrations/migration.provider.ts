import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial.migration.js';

/**
 * Migrations are listed in code rather than scanned from a folder, so they survive bundling and
 * run the same from `dist/` or from source. Add new ones here; names sort lexically.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initialMigration,
};

export class LedgerMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}
