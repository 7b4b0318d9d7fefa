import { type Kysely, type Migration, sql } from 'kysely';

/**
 * WS-Security nonces seen inside the replay window, for deployments without Redis (the embedded
 * default): the insert is the atomic "first time?" test, as SET NX is on Redis.
 */
export const inboundNoncesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table if not exists inbound_nonces (key text primary key, expires_at timestamptz not null)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists inbound_nonces`.execute(db);
  },
};
