import { jsonSchemaValidator } from '../../../libs/contracts-kit/src/json-schema-validator.js';

/**
 * The team's JSON schema for what we send (schema/em-order-notification.schema.json, modelled on
 * the real outputs). It ships with the contract, so it cannot go missing at run time; compiled
 * once, on first use, and reused.
 */
export const SCHEMA_FILE = 'schema/em-order-notification.schema.json';

/** Problems (CONTRACT.SCHEMA_INVALID, path = JSON pointer) for a document; empty when valid. */
export const validateDocument = jsonSchemaValidator(new URL(`./${SCHEMA_FILE}`, import.meta.url));
