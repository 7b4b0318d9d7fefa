import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { schemaRoot } from '../../../libs/contracts-kit/src/paths.js';

/**
 * The partner's schemas, loaded in place from the schema root (never copied into the project).
 * Source: hmcts/cpp-context-staging-prosecutors-spi @ c02d92c1a529, stagingprosecutorsspi-cjse-schema/src/main/resources/xsd/.
 */
export const RESULT_XSD = 'cp-spi-staging/xsd/CPP-StdProsPoliceResult-v1-2.xsd';
export const ROUTE_DATA_XSD = 'cp-spi-staging/xsd/cjseOperations.xsd';
/** The entry schemas plus every file they include or import, so a missing sibling is caught at start. */
export const SCHEMA_FILES: readonly string[] = [
  RESULT_XSD,
  ROUTE_DATA_XSD,
  ...[
    'CPP-StdProsPoliceComplexTypes-v1-2.xsd',
    'CPP-StdProsPoliceSimpleTypes-v1-2.xsd',
    'CPP-StdProsPoliceProxySchema-v1-2.xsd',
    'CPP-StdProsPoliceCase-v1-2.xsd',
    'BS7666-v1-3.xsd',
    'CommonSimpleTypes-v1-3.xsd',
    'FinancialTypes-v1-0.xsd',
    'OrganisationIdentifierTypes-v1-0.xsd',
    'PersonDescriptiveTypes-v1-0.xsd',
    'AddressTypes-v1-3.xsd',
    'CitizenIdentificationTypes-v1-3.xsd',
    'codelist-ISO4217-v0-3.xsd',
    'cjseBusinessEntities.xsd',
    'cjseBusinessTypes.xsd',
  ].map((f) => `cp-spi-staging/xsd/${f}`),
];

export function schemaPath(relative: string, root = schemaRoot()): string {
  return join(root, relative);
}

/** Schema files missing under the root (empty when the contract can run). */
export function missingSchemaFiles(root = schemaRoot()): string[] {
  return SCHEMA_FILES.filter((f) => !existsSync(join(root, f)));
}
