import { join } from 'node:path';
import type { Problem } from '../../../libs/domain/src/errors/problem.js';
import { schemaRoot } from '../../../libs/contracts-kit/src/paths.js';
import { XsdValidator } from '../../../libs/xml/src/xsd-validator.js';
import { parseNewCaseMessage } from './parser.js';
import { SPI_INBOUND_RULES } from './rules.js';
import { toDomain, type SpiNewCaseCommand } from './to-domain.mapper.js';
import type { SpiRouting } from './wire.js';

/**
 * spi-inbound@v1: police NewCaseMessage (SPI, carried escaped in RouteData/DataStreamContent) →
 * Common Platform prosecution-case command. Named inbound.adapter.ts, not adapter.ts, because the
 * contract registry loads adapter.ts files as outbound adapters (worker pins); inbound versions
 * are chosen by endpoint path (/inbound/spi/v1) instead.
 */
export const SCHEMA_FILE = 'cp-spi-staging/xsd/CPP-StdProsPoliceCase-v1-2.xsd';

/**
 * Facets real traffic breaks without the platform refusing it: the BS7666 PAON pattern wants a
 * 4-digit/letter prefix, yet police systems send ' HOMER HOUSE' (spi-in-with-namespace-prefix.xml,
 * which the platform accepts; its JAXB unmarshalling does not check facets). Structural errors
 * (missing, unexpected or misplaced elements) still refuse the message.
 */
const TOLERATED_FACETS = /\[facet '(pattern)'\]/;

export type InboundValidation = { readonly errors: readonly Problem[]; readonly warnings: readonly Problem[] };

export type TranslateResult = { ok: true; command: SpiNewCaseCommand } | { ok: false; problems: readonly Problem[] };

let validator: XsdValidator | undefined;

export const inboundAdapter = {
  name: 'spi-inbound',
  version: 'v1',
  direction: 'inbound' as const,
  schemaFiles: [SCHEMA_FILE],
  /** RouteData DataStreamType values this version accepts; anything else is 1359 DisallowedDataStreamType. */
  dataStreamTypes: ['SPINewCase'] as readonly string[],
  rootElement: { ns: 'http://www.dca.gov.uk/xmlschemas/libra', local: 'NewCaseMessage' },
  processes: SPI_INBOUND_RULES,

  /** XSD check of the inner message, compiled once from the schema root (read in place). */
  validate(xml: string, root = schemaRoot()): InboundValidation {
    validator ??= XsdValidator.fromFile(join(root, SCHEMA_FILE));
    const problems = validator.validate(xml);
    const warnings = problems.filter((p) => p.code === 'CONTRACT.XSD_INVALID' && TOLERATED_FACETS.test(p.message));
    return { errors: problems.filter((p) => !warnings.includes(p)), warnings: warnings.map((w) => ({ ...w, code: 'SPI.FACET_TOLERATED' })) };
  },

  /** parse (XML → wire) then map (wire → command); pure apart from the parser's limits. */
  translate(xml: string, routing: SpiRouting, warnings: readonly Problem[] = []): TranslateResult {
    const parsed = parseNewCaseMessage(xml);
    if (!parsed.ok) return parsed;
    return toDomain(parsed.wire, routing, warnings);
  },
};

export type { SpiNewCaseCommand } from './to-domain.mapper.js';
export type { SpiRouting } from './wire.js';
