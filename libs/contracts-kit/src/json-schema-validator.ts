import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { problem, type Problem } from '../../domain/src/errors/problem.js';

/**
 * Validation for JSON contracts: the schema file (shipped in the contract folder, so it cannot go
 * missing) is compiled once, on first use, and reused. Returns CONTRACT.JSON_INVALID for text that
 * is not JSON and CONTRACT.SCHEMA_INVALID (path = JSON pointer) per schema violation.
 */
export function jsonSchemaValidator(schemaUrl: URL): (document: string) => Problem[] {
  let compiled: ValidateFunction | undefined;
  return (document) => {
    let value: unknown;
    try {
      value = JSON.parse(document);
    } catch (e) {
      return [problem('CONTRACT.JSON_INVALID', '', `not JSON: ${(e as Error).message}`)];
    }
    compiled ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(schemaUrl, 'utf8')) as object);
    if (compiled(value)) return [];
    return (compiled.errors ?? []).map((e) => problem('CONTRACT.SCHEMA_INVALID', e.instancePath || '/', `${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`));
  };
}
