import { readFileSync } from 'node:fs';
import { CodedError } from '../../../domain/src/errors/problem.js';
import type { Facets, SchemaModel, SchemaNode } from './schema-model.js';

/**
 * JSON Schema (draft-07 subset: properties, required, items, enum/const, type, string/number/
 * array bounds, pattern, local $ref, allOf) → SchemaModel, so the same compatibility and
 * coverage rules apply to JSON contracts. anyOf/oneOf are kept as one node with base `union`.
 */
type Json = Record<string, unknown>;
const MAX_DEPTH = 30;

function deref(schema: Json, root: Json, seen: Set<string>): Json {
  let s = schema;
  while (typeof s.$ref === 'string') {
    const ref = s.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) return {};
    seen.add(ref);
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = (target as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (!target || typeof target !== 'object') throw new CodedError('CONTRACT.SCHEMA_BAD_REF', `unresolvable $ref ${ref}`);
    const { $ref: _drop, ...rest } = s;
    s = { ...(target as Json), ...rest };
  }
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as Json[]).map((p) => deref(p, root, new Set(seen)));
    s = parts.reduce<Json>(
      (acc, p) => ({ ...acc, ...p, properties: { ...(acc.properties as Json), ...(p.properties as Json) }, required: [...((acc.required as string[]) ?? []), ...((p.required as string[]) ?? [])] }),
      { ...s, allOf: undefined },
    );
  }
  return s;
}

function typesOf(s: Json): string | undefined {
  if (s.const !== undefined) return typeof s.const === 'number' ? 'number' : typeof s.const;
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return 'union';
  if (Array.isArray(s.type)) return [...(s.type as string[])].sort().join('|');
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.enum)) return [...new Set((s.enum as unknown[]).map((v) => (v === null ? 'null' : typeof v)))].sort().join('|');
  return undefined;
}

function facetsOf(s: Json): Facets {
  const f: Record<string, unknown> = {};
  const base = typesOf(s);
  if (base) f.base = base;
  if (Array.isArray(s.enum)) f.enumeration = (s.enum as unknown[]).map((v) => JSON.stringify(v));
  if (s.const !== undefined) f.fixed = JSON.stringify(s.const);
  if (typeof s.pattern === 'string') f.patterns = [s.pattern];
  const map: Record<string, string> = {
    minLength: 'minLength', maxLength: 'maxLength', minimum: 'minInclusive', maximum: 'maxInclusive',
    exclusiveMinimum: 'minExclusive', exclusiveMaximum: 'maxExclusive', minItems: 'minLength', maxItems: 'maxLength',
  };
  for (const [from, to] of Object.entries(map)) if (typeof s[from] === 'number') f[to] = s[from];
  return f as Facets;
}

function walk(s: Json, root: Json, path: string, min: number, max: number, nodes: Map<string, SchemaNode>, depth: number): void {
  const schema = deref(s, root, new Set());
  const closed = schema.additionalProperties === false;
  nodes.set(path || '/', { path: path || '/', kind: 'property', min, max, facets: facetsOf(schema), closed });
  if (depth > MAX_DEPTH) return;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [name, child] of Object.entries((schema.properties as Record<string, Json> | undefined) ?? {})) {
    walk(child, root, `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, required.has(name) ? 1 : 0, 1, nodes, depth + 1);
  }
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    const items = schema.items as Json;
    walk(items, root, `${path}/*`, 0, Infinity, nodes, depth + 1);
  }
}

export function jsonSchemaModel(file: string): SchemaModel {
  let root: Json;
  try {
    root = JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (e) {
    throw new CodedError('CONTRACT.SCHEMA_UNREADABLE', `${file}: ${(e as Error).message}`);
  }
  return jsonSchemaModelOf(root, file);
}

export function jsonSchemaModelOf(root: Json, source = '(inline)'): SchemaModel {
  const nodes = new Map<string, SchemaNode>();
  walk(root, root, '', 1, 1, nodes, 0);
  return { kind: 'json', source, roots: ['/'], nodes };
}
