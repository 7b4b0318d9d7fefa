import { jsonSchemaValidator } from '../../../libs/contracts-kit/src/json-schema-validator.js';

/** The team's schema for what we send (schema/, modelled, see README); compiled once on first use. */
export const SCHEMA_FILE = 'schema/prison-custody-notification.schema.json';

/** Problems (CONTRACT.SCHEMA_INVALID, path = JSON pointer) for a document; empty when valid. */
export const validateDocument = jsonSchemaValidator(new URL(`./${SCHEMA_FILE}`, import.meta.url));
