import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';

/**
 * The team's schema for the LAA's hearing-resulted message (schema/, modelled on the CP schemas the
 * LAA court data adaptor validates with; see README). Compiled once, on first use.
 */
export const SCHEMA_FILE = 'schema/laa-hearing-resulted.schema.json';

/** Entities of the message that can be checked on their own (the laa-cda per-entity samples). */
export type LaaEntity = 'hearing' | 'prosecutionCase' | 'defendant' | 'offence' | 'judicialResult' | 'judicialResultPrompt' | 'courtCentre' | 'bailStatus' | 'laaReference' | 'defendantJudicialResult' | 'plea' | 'verdict';

let ajv: Ajv | undefined;
let root: ValidateFunction | undefined;
let schemaId = '';

function compiled(): { ajv: Ajv; root: ValidateFunction } {
  if (!ajv || !root) {
    const schema = JSON.parse(readFileSync(new URL(`./${SCHEMA_FILE}`, import.meta.url), 'utf8')) as { $id: string };
    schemaId = schema.$id;
    ajv = new Ajv({ allErrors: true, strict: true });
    root = ajv.compile(schema);
  }
  return { ajv, root };
}

const toProblems = (v: ValidateFunction): Problem[] =>
  (v.errors ?? []).map((e) => problem('CONTRACT.SCHEMA_INVALID', e.instancePath || '/', `${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`));

/** Problems for a parsed message; empty when valid. */
export function validateValue(value: unknown): Problem[] {
  const { root: v } = compiled();
  return v(value) ? [] : toProblems(v);
}

/** Problems (CONTRACT.SCHEMA_INVALID, path = JSON pointer) for a document; empty when valid. */
export function validateDocument(document: string): Problem[] {
  let value: unknown;
  try {
    value = JSON.parse(document);
  } catch (e) {
    return [problem('CONTRACT.JSON_INVALID', '', `not JSON: ${(e as Error).message}`)];
  }
  return validateValue(value);
}

/** Problems for one entity of the message checked on its own (e.g. an offence). */
export function validateEntity(entity: LaaEntity, value: unknown): Problem[] {
  const { ajv: a } = compiled();
  const v = a.getSchema(`${schemaId}#/definitions/${entity}`);
  if (!v) return [problem('CONTRACT.SCHEMA_MISSING', `#/definitions/${entity}`, `no definition for ${entity}`)];
  return v(value) ? [] : toProblems(v);
}
