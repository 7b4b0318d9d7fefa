import type { Command } from 'commander';
import { InboundSpiProcessor, SPI_ENDPOINT } from '../../../gateway/src/inbound/inbound-spi.processor.js';
import { loadInboundConfig } from '../../../gateway/src/inbound/inbound-config.js';
import { memoryNonceStore } from '../../../gateway/src/inbound/nonce-store.js';
import { loadSpiWsdl } from '../../../gateway/src/inbound/wsdl.js';
import { loadPartnersConfig } from '../../../../libs/contracts-kit/src/partner-config.js';
import { schemaRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { LedgerRepository, openDatabase, QuarantineRepository } from '../../../../libs/ledger/src/index.js';
import { createLogger } from '../../../../libs/observability/src/logger.js';
import { CJSE_SUBMIT_ACTION } from '../../../../libs/soap/src/cjse-response.js';

type Db = Awaited<ReturnType<typeof openDatabase>>;

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.CP_BRIDGE_DATA_DIR, schema: process.env.CP_BRIDGE_DB_SCHEMA, log: () => undefined });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * `cp-bridge quarantine list|show|release`: refused inbound messages. Release re-runs the stored
 * bytes through the same endpoint logic (after a fix: configuration, schema, code), skipping only
 * WS-Security (the token was single-use); the outcome is recorded on the entry and audited.
 */
export function registerQuarantineCommands(program: Command): void {
  const q = program.command('quarantine').description('inbound messages refused at the door, with their raw bytes');

  q.command('list')
    .option('--status <s>', 'quarantined | released')
    .option('--code <code>', 'stable code, e.g. CJSE.UnusableDataStream')
    .option('--limit <n>', 'at most n (default 50)', '50')
    .action(async (o: { status?: string; code?: string; limit: string }) => {
      await withDb(async (db) => {
        const items = await new QuarantineRepository(db.db).list({ status: o.status, code: o.code, limit: Number(o.limit) });
        for (const e of items) {
          console.log(`${e.id}  ${e.receivedAt.toISOString()}  ${e.status.padEnd(11)} ${e.layer.padEnd(13)} ${e.code}${e.responseCode ? ` (${e.responseCode})` : ''}  ${e.sender}  ${e.rawBytes} B`);
        }
        if (items.length === 0) console.log('quarantine is empty');
      });
    });

  q.command('show <id>')
    .option('--raw', 'print only the raw bytes as received')
    .action(async (id: string, o: { raw?: boolean }) => {
      await withDb(async (db) => {
        const e = await new QuarantineRepository(db.db).get(id);
        if (!e) {
          console.error(`QUARANTINE.NOT_FOUND: no quarantined message ${id}`);
          process.exitCode = 2;
          return;
        }
        if (o.raw) {
          process.stdout.write(e.raw ?? Buffer.alloc(0));
          return;
        }
        const { raw, ...rest } = e;
        console.log(JSON.stringify({ ...rest, rawPreview: raw?.toString('utf8').slice(0, 2000) }, null, 2));
      });
    });

  q.command('release <id>')
    .description('re-run the stored raw bytes through the endpoint logic; accepted → released')
    .option('--actor <name>', 'who is releasing (audited)', process.env.USER ?? 'operator')
    .action(async (id: string, o: { actor: string }) => {
      process.exitCode = await releaseOne(id, o.actor);
    });
}

export async function releaseOne(id: string, actor: string): Promise<number> {
  return withDb(async (db) => {
    const quarantine = new QuarantineRepository(db.db);
    const ledger = new LedgerRepository(db.db);
    const entry = await quarantine.get(id);
    if (!entry?.raw) {
      console.error(`QUARANTINE.NOT_FOUND: no quarantined message ${id}`);
      return 2;
    }
    if (entry.endpoint !== SPI_ENDPOINT) {
      // Platform API refusals (/v1/hearing-results) are kept for the record; the platform re-sends them.
      console.error(`QUARANTINE.NOT_RELEASABLE: ${id} came in at ${entry.endpoint}; only ${SPI_ENDPOINT} messages can be re-run`);
      return 1;
    }
    if (entry.status === 'released') {
      console.error(`QUARANTINE.ALREADY_RELEASED: ${id} was released at ${entry.releasedAt?.toISOString()}`);
      return 1;
    }
    const config = loadInboundConfig();
    const processor = new InboundSpiProcessor({
      config,
      ledger,
      quarantine,
      partners: loadPartnersConfig(),
      nonces: memoryNonceStore(),
      wsdl: loadSpiWsdl(schemaRoot()),
      log: createLogger('cli'),
    });
    const out = await processor.process({ raw: entry.raw, contentType: 'text/xml', soapAction: CJSE_SUBMIT_ACTION, release: { actor, quarantineId: id } });
    const accepted = out.code === 'INBOUND.ACCEPTED';
    const outcome = { code: out.code, responseCode: out.responseCode ?? null, eventId: out.eventId ?? null, notificationId: out.notificationId ?? null, endpoint: SPI_ENDPOINT };
    await quarantine.recordRelease(id, accepted, outcome);
    await ledger.appendAudit(actor, 'quarantine.release', { id, accepted, ...outcome });
    console.log(accepted ? `released ${id}: accepted as event ${out.eventId} (platform notification ${out.notificationId})` : `still refused ${id}: ${out.code}${out.responseCode ? ` (${out.responseCode})` : ''}`);
    return accepted ? 0 : 1;
  });
}
