import { parentPath, type Facets, type SchemaModel, type SchemaNode } from './schema-model.js';

/**
 * Schema changes between two versions, each marked with the direction it breaks:
 * - `narrows`: some document valid under the OLD schema is invalid under the NEW one, so a
 *   reader on the new version rejects old data → breaks BACKWARD compatibility;
 * - `widens`: some document valid under the NEW schema is invalid under the OLD one, so a reader
 *   still on the old version rejects new data → breaks FORWARD compatibility.
 * A change can do both (a namespace change, a changed pattern). Modes are the schema-registry ones.
 */
export type CompatMode = 'backward' | 'forward' | 'full' | 'transitive';
export const COMPAT_MODES: readonly CompatMode[] = ['backward', 'forward', 'full', 'transitive'];

export type ChangeKind =
  | 'removed' | 'added' | 'min-raised' | 'min-lowered' | 'max-lowered' | 'max-raised'
  | 'namespace-changed' | 'type-narrowed' | 'type-widened' | 'type-changed'
  | 'enumeration-removed' | 'enumeration-added' | 'fixed-changed';

export interface SchemaChange {
  readonly kind: ChangeKind;
  readonly path: string;
  readonly detail: string;
  readonly narrows: boolean;
  readonly widens: boolean;
}

export function breaks(change: SchemaChange, mode: CompatMode): boolean {
  if (mode === 'forward') return change.widens;
  if (mode === 'full') return change.narrows || change.widens;
  return change.narrows; // backward, and transitive (backward against every earlier version)
}

const fmt = (n: number): string => (n === Infinity ? 'unbounded' : String(n));

/** Built-in types and the ones they derive from, enough to tell a narrowing from a widening. */
const DERIVES: Record<string, string> = {
  byte: 'short', short: 'int', int: 'long', long: 'integer', integer: 'decimal',
  unsignedByte: 'unsignedShort', unsignedShort: 'unsignedInt', unsignedInt: 'unsignedLong', unsignedLong: 'nonNegativeInteger',
  positiveInteger: 'nonNegativeInteger', nonNegativeInteger: 'integer', negativeInteger: 'nonPositiveInteger', nonPositiveInteger: 'integer',
  token: 'normalizedString', normalizedString: 'string', NMTOKEN: 'token', Name: 'token', NCName: 'Name', language: 'token',
};

function ancestors(t: string): string[] {
  const out: string[] = [];
  for (let c: string | undefined = DERIVES[t]; c; c = DERIVES[c]) out.push(c);
  return out;
}

/** -1: b narrower than a, 1: wider, 0: same, NaN: unrelated. JSON bases are sets joined by `|`. */
function compareBase(a: string, b: string, json: boolean): number {
  if (a === b) return 0;
  if (json) {
    const expand = (s: string) => new Set(s.split('|').flatMap((t) => (t === 'number' ? ['number', 'integer'] : [t])));
    const sa = expand(a);
    const sb = expand(b);
    const aInB = [...sa].every((t) => sb.has(t));
    const bInA = [...sb].every((t) => sa.has(t));
    return aInB && bInA ? 0 : aInB ? 1 : bInA ? -1 : NaN;
  }
  if (ancestors(a).includes(b)) return 1;
  if (ancestors(b).includes(a)) return -1;
  return NaN;
}

function facetChanges(path: string, a: Facets, b: Facets, json: boolean): SchemaChange[] {
  const out: SchemaChange[] = [];
  const push = (kind: ChangeKind, detail: string, narrows: boolean, widens: boolean) => out.push({ kind, path, detail, narrows, widens });
  if ((a.base ?? '') !== (b.base ?? '') && a.base && b.base) {
    const c = compareBase(a.base, b.base, json);
    if (c === -1) push('type-narrowed', `base type ${a.base} → ${b.base}`, true, false);
    else if (c === 1) push('type-widened', `base type ${a.base} → ${b.base}`, false, true);
    else push('type-changed', `base type ${a.base} → ${b.base}`, true, true);
  }
  // Upper bounds: lower (or newly set) narrows. Lower bounds: higher (or newly set) narrows.
  const upper: (keyof Facets)[] = ['length', 'maxLength', 'maxInclusive', 'maxExclusive', 'totalDigits', 'fractionDigits'];
  const lower: (keyof Facets)[] = ['minLength', 'minInclusive', 'minExclusive'];
  for (const f of [...upper, ...lower]) {
    const x = a[f] as number | undefined;
    const y = b[f] as number | undefined;
    if (x === y) continue;
    const isUpper = upper.includes(f);
    const narrower = y !== undefined && (x === undefined || (isUpper ? y < x : y > x));
    if (f === 'length' && x !== undefined && y !== undefined) push('type-changed', `length ${x} → ${y}`, true, true);
    else push(narrower ? 'type-narrowed' : 'type-widened', `${f} ${x ?? 'none'} → ${y ?? 'none'}`, narrower, !narrower);
  }
  const pa = [...(a.patterns ?? [])].sort().join('\n');
  const pb = [...(b.patterns ?? [])].sort().join('\n');
  if (pa !== pb) {
    // Regular-expression languages cannot be compared here: a changed pattern is assumed to break both ways.
    if (!pa) push('type-narrowed', `pattern added ${pb}`, true, false);
    else if (!pb) push('type-widened', `pattern removed ${pa}`, false, true);
    else push('type-changed', `pattern ${pa} → ${pb}`, true, true);
  }
  if (a.enumeration || b.enumeration) {
    const ea = new Set(a.enumeration ?? []);
    const eb = new Set(b.enumeration ?? []);
    if (!a.enumeration) push('enumeration-removed', `enumeration introduced (${[...eb].join(', ')})`, true, false);
    else if (!b.enumeration) push('enumeration-added', 'enumeration dropped (any value of the base type)', false, true);
    else {
      const removed = [...ea].filter((v) => !eb.has(v));
      const added = [...eb].filter((v) => !ea.has(v));
      if (removed.length) push('enumeration-removed', `values removed: ${removed.join(', ')}`, true, false);
      if (added.length) push('enumeration-added', `values added: ${added.join(', ')}`, false, true);
    }
  }
  if (a.fixed !== b.fixed) {
    if (a.fixed === undefined) push('fixed-changed', `fixed value ${b.fixed} introduced`, true, false);
    else if (b.fixed === undefined) push('fixed-changed', `fixed value ${a.fixed} dropped`, false, true);
    else push('fixed-changed', `fixed value ${a.fixed} → ${b.fixed}`, true, true);
  }
  return out;
}

function nodeChanges(a: SchemaNode, b: SchemaNode): SchemaChange[] {
  const out: SchemaChange[] = [];
  const push = (kind: ChangeKind, detail: string, narrows: boolean, widens: boolean) => out.push({ kind, path: a.path, detail, narrows, widens });
  if ((a.namespace ?? '') !== (b.namespace ?? '')) push('namespace-changed', `namespace ${a.namespace || '(none)'} → ${b.namespace || '(none)'}`, true, true);
  if (b.min > a.min) push('min-raised', `${a.kind === 'element' ? 'minOccurs' : 'required'} ${a.min} → ${b.min}`, true, false);
  if (b.min < a.min) push('min-lowered', `${a.kind === 'element' ? 'minOccurs' : 'required'} ${a.min} → ${b.min}`, false, true);
  if (b.max < a.max) push('max-lowered', `maxOccurs ${fmt(a.max)} → ${fmt(b.max)}`, true, false);
  if (b.max > a.max) push('max-raised', `maxOccurs ${fmt(a.max)} → ${fmt(b.max)}`, false, true);
  if (a.closed !== b.closed) push(b.closed ? 'type-narrowed' : 'type-widened', b.closed ? 'unknown members now refused' : 'unknown members now allowed', b.closed, !b.closed);
  out.push(...facetChanges(a.path, a.facets, b.facets, a.kind === 'property'));
  return out;
}

/** Changes from `older` to `newer`. A removed or added subtree is reported once, at its top. */
export function diffSchemas(older: SchemaModel, newer: SchemaModel): SchemaChange[] {
  const out: SchemaChange[] = [];
  const reportedRemoved = new Set<string>();
  const reportedAdded = new Set<string>();
  const under = (set: Set<string>, path: string) => [...set].some((p) => path.startsWith(`${p}/`));
  for (const [path, a] of older.nodes) {
    const b = newer.nodes.get(path);
    if (b) {
      out.push(...nodeChanges(a, b));
      continue;
    }
    if (under(reportedRemoved, path)) continue;
    reportedRemoved.add(path);
    const parent = newer.nodes.get(parentPath(path));
    // Old documents carrying it are refused when the new parent is closed; new documents lack it where the old one required it.
    const narrows = parent ? parent.closed : true;
    const widens = a.min > 0 || (parent !== undefined && !parent.closed);
    out.push({ kind: 'removed', path, detail: `${a.kind} removed (was ${a.min > 0 ? 'required' : 'optional'})`, narrows, widens });
  }
  for (const [path, b] of newer.nodes) {
    if (older.nodes.has(path) || under(reportedAdded, path)) continue;
    reportedAdded.add(path);
    const oldParent = older.nodes.get(parentPath(path));
    const widens = oldParent ? oldParent.closed : true;
    out.push({ kind: 'added', path, detail: `${b.min > 0 ? 'required' : 'optional'} ${b.kind} added`, narrows: b.min > 0, widens });
  }
  return out;
}
