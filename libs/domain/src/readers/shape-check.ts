import { problem, type Problem } from '../errors/problem.js';

/**
 * A tiny declarative shape checker for the fields the bridge relies on. Tolerant by design:
 * unknown fields are ignored (and kept in the raw body); only what a rule or mapper needs is
 * required. Pure, so the API, the CLI and replays all read payloads the same way.
 */
export type FieldKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'date' | 'datetime' | 'cjs-code' | 'uuid';
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
/** apiCourtsDefinitions.json#/definitions/uuid, anchored at both ends (the schema's pattern is anchored only at the end). */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/**
 * The yyyy-mm-dd at the start of `s` names a real day. The patterns above let 2026-13-01 and
 * 2026-02-30 through: JS Dates make the first Invalid Date (a 500 when the deadline was stored)
 * and quietly roll the second into March.
 */
function realDay(s: string): boolean {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS[m - 1]! + (leap ? 1 : 0);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Where a value sits, built into a string only when a problem is reported: a valid payload (every
 * accepted one) then allocates no path strings at all — they were a tenth of the gateway's
 * allocation per request (BENCHMARKS.md, 26 November).
 */
interface At {
  readonly parent: At | string;
  readonly key: string | number;
}
const render = (at: At | string): string => (typeof at === 'string' ? at : typeof at.key === 'number' ? `${render(at.parent)}[${at.key}]` : `${render(at.parent)}.${at.key}`);

/** What each spec gives every value it checks — its fields as entries, its items as required — made once per spec. */
interface Derived {
  readonly entries: readonly (readonly [string, FieldSpec])[];
  readonly item: FieldSpec | undefined;
}
const derived = new WeakMap<FieldSpec, Derived>();
function derive(spec: FieldSpec): Derived {
  let d = derived.get(spec);
  if (!d) derived.set(spec, (d = { entries: Object.entries(spec.fields ?? {}), item: spec.items && Object.assign({}, spec.items, { required: true }) }));
  return d;
}

function checkScalar(value: unknown, spec: FieldSpec, at: At | string, out: Problem[]): void {
  const actual = kindOf(value);
  const base = spec.kind === 'date' || spec.kind === 'datetime' || spec.kind === 'cjs-code' || spec.kind === 'uuid' ? 'string' : spec.kind;
  if (actual !== base) {
    out.push(problem('PAYLOAD.WRONG_TYPE', render(at), `expected ${spec.kind}, got ${actual}`));
    return;
  }
  if (typeof value !== 'string') return;
  if (spec.maxLength !== undefined && value.length > spec.maxLength) {
    out.push(problem('PAYLOAD.TOO_LONG', render(at), `longer than ${spec.maxLength} characters (${value.length})`));
  }
  if (spec.kind === 'date' && !(DATE.test(value) && realDay(value))) out.push(problem('PAYLOAD.BAD_DATE', render(at), 'expected yyyy-mm-dd, a real day'));
  // Date.parse also refuses an hour past 24 or a minute past 59, which the pattern lets through.
  if (spec.kind === 'datetime' && !(DATETIME.test(value) && realDay(value) && !Number.isNaN(Date.parse(value)))) {
    out.push(problem('PAYLOAD.BAD_DATETIME', render(at), 'expected an ISO 8601 date-time, a real day and time'));
  }
  if (spec.kind === 'uuid' && !UUID.test(value)) out.push(problem('PAYLOAD.BAD_UUID', render(at), 'expected a UUID, as the Common Platform schema types this id'));
  if (spec.kind === 'cjs-code' && !CJS_CODE.test(value)) out.push(problem('PAYLOAD.BAD_CJS_CODE', render(at), 'CJS result code must be an integer 0–9999'));
}

/** Problems of `value` against `spec`, each at its JSONPath-like path under `path` (e.g. `$.hearing.id`). */
export function checkShape(value: unknown, spec: FieldSpec, path: string, out: Problem[] = []): Problem[] {
  check(value, spec, path, out);
  return out;
}

function check(value: unknown, spec: FieldSpec, at: At | string, out: Problem[]): void {
  if (value === undefined || value === null) {
    if (spec.required) out.push(problem('PAYLOAD.MISSING_FIELD', render(at), 'required field is missing'));
    return;
  }
  if (spec.kind === 'object') {
    if (kindOf(value) !== 'object') {
      out.push(problem('PAYLOAD.WRONG_TYPE', render(at), `expected object, got ${kindOf(value)}`));
      return;
    }
    const obj = value as Record<string, unknown>;
    for (const [key, child] of derive(spec).entries) {
      const v = Object.hasOwn(obj, key) ? obj[key] : undefined;
      // A missing optional field needs no path at all.
      if ((v !== undefined && v !== null) || child.required) check(v, child, { parent: at, key }, out);
    }
    return;
  }
  if (spec.kind === 'array') {
    if (!Array.isArray(value)) {
      out.push(problem('PAYLOAD.WRONG_TYPE', render(at), `expected array, got ${kindOf(value)}`));
      return;
    }
    const { item } = derive(spec);
    if (item) for (let i = 0; i < value.length; i++) check(value[i], item, { parent: at, key: i }, out);
    return;
  }
  checkScalar(value, spec, at, out);
}
