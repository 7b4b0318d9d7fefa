import { problem, type Problem } from '../errors/problem.js';

/**
 * A tiny declarative shape checker for the fields the bridge relies on. Tolerant by design:
 * unknown fields are ignored (and kept in the raw body); only what a rule or mapper needs is
 * required. Pure, so the API, the CLI and replays all read payloads the same way.
 */
export type FieldKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'date' | 'datetime' | 'cjs-code';
export interface FieldSpec {
  readonly kind: FieldKind;
  readonly required?: boolean;
  readonly maxLength?: number;
  readonly fields?: Readonly<Record<string, FieldSpec>>;
  /** For arrays: the spec of each item. */
  readonly items?: FieldSpec;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const CJS_CODE = /^\d{1,4}$/;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function checkScalar(value: unknown, spec: FieldSpec, path: string, out: Problem[]): void {
  const actual = kindOf(value);
  const base = spec.kind === 'date' || spec.kind === 'datetime' || spec.kind === 'cjs-code' ? 'string' : spec.kind;
  if (actual !== base) {
    out.push(problem('PAYLOAD.WRONG_TYPE', path, `expected ${spec.kind}, got ${actual}`));
    return;
  }
  if (typeof value !== 'string') return;
  if (spec.maxLength !== undefined && value.length > spec.maxLength) {
    out.push(problem('PAYLOAD.TOO_LONG', path, `longer than ${spec.maxLength} characters (${value.length})`));
  }
  if (spec.kind === 'date' && !DATE.test(value)) out.push(problem('PAYLOAD.BAD_DATE', path, 'expected yyyy-mm-dd'));
  if (spec.kind === 'datetime' && !DATETIME.test(value)) out.push(problem('PAYLOAD.BAD_DATETIME', path, 'expected an ISO 8601 date-time'));
  if (spec.kind === 'cjs-code' && !CJS_CODE.test(value)) out.push(problem('PAYLOAD.BAD_CJS_CODE', path, 'CJS result code must be an integer 0–9999'));
}

export function checkShape(value: unknown, spec: FieldSpec, path: string, out: Problem[] = []): Problem[] {
  if (value === undefined || value === null) {
    if (spec.required) out.push(problem('PAYLOAD.MISSING_FIELD', path, 'required field is missing'));
    return out;
  }
  if (spec.kind === 'object') {
    if (kindOf(value) !== 'object') {
      out.push(problem('PAYLOAD.WRONG_TYPE', path, `expected object, got ${kindOf(value)}`));
      return out;
    }
    const obj = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(spec.fields ?? {})) {
      checkShape(Object.hasOwn(obj, key) ? obj[key] : undefined, child, `${path}.${key}`, out);
    }
    return out;
  }
  if (spec.kind === 'array') {
    if (!Array.isArray(value)) {
      out.push(problem('PAYLOAD.WRONG_TYPE', path, `expected array, got ${kindOf(value)}`));
      return out;
    }
    if (spec.items) {
      // Once per array, and by Object.assign: a literal that starts with a spread and then adds a
      // key takes a slow path in this V8 (≈ 1 µs a key, BENCHMARKS.md).
      const item: FieldSpec = Object.assign({}, spec.items, { required: true });
      value.forEach((x, i) => checkShape(x, item, `${path}[${i}]`, out));
    }
    return out;
  }
  checkScalar(value, spec, path, out);
  return out;
}
