import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';

/** The team's schema for what we send (schema/, modelled, see README); compiled once on first use. */
export const SCHEMA_FILE = 'schema/probation-order-notification.schema.json';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(new URL(`./${SCHEMA_FILE}`, import.meta.url), 'utf8')) as object;
    compiled = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  return compiled;
}

/** Problems (CONTRACT.SCHEMA_INVALID, path = JSON pointer) for a document; empty when valid. */
export function validateDocument(document: string): Problem[] {
  let value: unknown;
  try {
    value = JSON.parse(document);
  } catch (e) {
    return [problem('CONTRACT.JSON_INVALID', '', `not JSON: ${(e as Error).message}`)];
  }
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => problem('CONTRACT.SCHEMA_INVALID', e.instancePath || '/', `${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`));
}
