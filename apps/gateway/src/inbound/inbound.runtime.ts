import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { PartnersConfig } from '../../../../libs/contracts-kit/src/partner-config.js';
import { schemaRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { type LedgerRepository, type LedgerTables, QuarantineRepository } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import { type InboundConfig, loadInboundConfig } from './inbound-config.js';
import { InboundSpiProcessor } from './inbound-spi.processor.js';
import { ledgerNonceStore, memoryNonceStore, redisNonceStore } from './nonce-store.js';
import type { NonceStore } from './ws-security.js';
import { loadSpiWsdl, type SpiWsdl } from './wsdl.js';

export interface InboundDeps {
  readonly db: Kysely<LedgerTables>;
  readonly ledger: LedgerRepository;
  readonly partners: PartnersConfig;
  readonly logger: Logger;
  readonly config?: InboundConfig;
  readonly nonces?: NonceStore;
  /** Whether Redis is there for nonces when the configuration says `auto` (it is when the queues are on it). */
  readonly redisAvailable?: boolean;
}

/**
 * Everything the inbound endpoints need, built once. When the partner schemas are missing the SPI
 * contract is disabled with one clear line and the endpoint answers a retryable Server fault.
 */
@Injectable()
export class InboundRuntime implements OnModuleDestroy {
  readonly config: InboundConfig;
  readonly quarantine: QuarantineRepository;
  readonly processor: InboundSpiProcessor | undefined;
  readonly wsdl: SpiWsdl | undefined;
  readonly log: Logger;
  private readonly nonces: NonceStore;

  constructor(deps: InboundDeps) {
    this.log = deps.logger;
    this.config = deps.config ?? loadInboundConfig();
    this.quarantine = new QuarantineRepository(deps.db);
    const ws = this.config.wsSecurity;
    const store = ws.nonceStore === 'auto' ? (deps.redisAvailable === false ? 'ledger' : 'redis') : ws.nonceStore;
    this.nonces =
      deps.nonces ??
      (store === 'memory' ? memoryNonceStore() : store === 'ledger' ? ledgerNonceStore(deps.db as Kysely<unknown>) : redisNonceStore(ws.redisUrl, ws.noncePrefix));
    let wsdl: SpiWsdl | undefined;
    let processor: InboundSpiProcessor | undefined;
    try {
      wsdl = loadSpiWsdl(schemaRoot());
      processor = new InboundSpiProcessor({ config: this.config, ledger: deps.ledger, quarantine: this.quarantine, partners: deps.partners, nonces: this.nonces, wsdl, log: deps.logger });
    } catch (e) {
      deps.logger.warn({ code: 'CONTRACT.SCHEMA_MISSING' }, `spi-inbound@v1 disabled: ${(e as Error).message}`);
    }
    this.wsdl = wsdl;
    this.processor = processor;
  }

  get versions(): readonly string[] {
    return this.config.spi.versions;
  }

  async onModuleDestroy(): Promise<void> {
    await this.nonces.close();
  }
}
