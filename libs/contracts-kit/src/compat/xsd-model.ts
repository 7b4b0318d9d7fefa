import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CodedError } from '../../../domain/src/errors/problem.js';
import { parseXmlSafely } from '../../../xml/src/safe-xml-parser.js';
import type { Facets, SchemaModel, SchemaNode } from './schema-model.js';

/**
 * XSD → SchemaModel. Reads the entry schema and every xs:include/xs:import it reaches (siblings
 * on disk; no network), then walks each root element's content model into paths. Covered: named
 * and anonymous types, element/attribute refs, groups, attribute groups, complexContent and
 * simpleContent extension/restriction, simple-type restriction chains. Not modelled: xs:any,
 * substitution groups, identity constraints (none of the partner schemas here use them).
 */
const XS = 'http://www.w3.org/2001/XMLSchema';
const MAX_DEPTH = 40;

interface XNode {
  readonly local: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XNode[];
}

interface FileCtx {
  readonly file: string;
  readonly tns: string;
  readonly qualified: boolean;
  readonly prefixes: ReadonlyMap<string, string>;
}

interface Decl {
  readonly node: XNode;
  readonly ctx: FileCtx;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toTree(raw: OrderedNode): XNode | undefined {
  const name = Object.keys(raw).find((k) => k !== ':@' && k !== '#text');
  if (!name) return undefined;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw[':@'] ?? {})) attrs[k.slice(2)] = String(v);
  const children = ((raw[name] as OrderedNode[] | undefined) ?? []).map(toTree).filter((c): c is XNode => c !== undefined);
  return { local: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name, attrs, children };
}

const key = (ns: string, local: string): string => `{${ns}}${local}`;

/** Every global declaration of a schema set, by kind and `{namespace}name`. */
export class XsdSet {
  readonly elements = new Map<string, Decl>();
  readonly complexTypes = new Map<string, Decl>();
  readonly simpleTypes = new Map<string, Decl>();
  readonly groups = new Map<string, Decl>();
  readonly attributeGroups = new Map<string, Decl>();
  readonly attributes = new Map<string, Decl>();
  readonly files: string[] = [];
  /** Global elements declared in the entry file itself: the documents this schema describes. */
  readonly entryElements: string[] = [];

  static load(entry: string): XsdSet {
    const set = new XsdSet();
    set.read(resolve(entry), undefined, true);
    return set;
  }

  private read(file: string, chameleonTns: string | undefined, isEntry: boolean): void {
    if (this.files.includes(file)) return;
    if (!existsSync(file)) throw new CodedError('CONTRACT.SCHEMA_MISSING', `schema file not found: ${file}`);
    this.files.push(file);
    const parsed = parseXmlSafely<OrderedNode[]>(readFileSync(file, 'utf8'), { parser: { preserveOrder: true, ignoreAttributes: false, commentPropName: false } });
    if (!parsed.ok) throw new CodedError('CONTRACT.SCHEMA_UNREADABLE', `${file}: ${parsed.problems[0]?.message}`);
    const root = parsed.value.map(toTree).find((n) => n?.local === 'schema');
    if (!root) throw new CodedError('CONTRACT.SCHEMA_UNREADABLE', `${file} has no xs:schema root`);
    const prefixes = new Map<string, string>();
    for (const [k, v] of Object.entries(root.attrs)) {
      if (k === 'xmlns') prefixes.set('', v);
      else if (k.startsWith('xmlns:')) prefixes.set(k.slice(6), v);
    }
    // An included schema without a targetNamespace takes the includer's (chameleon include).
    const tns = root.attrs.targetNamespace ?? chameleonTns ?? '';
    const ctx: FileCtx = { file, tns, qualified: root.attrs.elementFormDefault === 'qualified', prefixes };
    const maps: Record<string, Map<string, Decl>> = {
      element: this.elements, complexType: this.complexTypes, simpleType: this.simpleTypes,
      group: this.groups, attributeGroup: this.attributeGroups, attribute: this.attributes,
    };
    for (const child of root.children) {
      if ((child.local === 'include' || child.local === 'import' || child.local === 'redefine') && child.attrs.schemaLocation) {
        this.read(resolve(dirname(file), child.attrs.schemaLocation), child.local === 'include' ? tns : undefined, false);
        continue;
      }
      const map = maps[child.local];
      if (map && child.attrs.name) {
        map.set(key(tns, child.attrs.name), { node: child, ctx });
        if (isEntry && child.local === 'element') this.entryElements.push(child.attrs.name);
      }
    }
  }
}

function resolveQName(qname: string, ctx: FileCtx): [string, string] {
  const i = qname.indexOf(':');
  const prefix = i === -1 ? '' : qname.slice(0, i);
  const local = i === -1 ? qname : qname.slice(i + 1);
  return [ctx.prefixes.get(prefix) ?? (prefix === '' ? ctx.tns : `unbound:${prefix}`), local];
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

/** Facets of a simple type, following its restriction chain down to the built-in base. */
function simpleFacets(set: XsdSet, typeNode: XNode, ctx: FileCtx, seen = new Set<XNode>()): Facets {
  if (seen.has(typeNode)) return {};
  seen.add(typeNode);
  const restriction = typeNode.children.find((c) => c.local === 'restriction');
  if (!restriction) {
    const other = typeNode.children.find((c) => c.local === 'union' || c.local === 'list');
    return { base: other?.local ?? 'anySimpleType' };
  }
  let inherited: Facets = {};
  if (restriction.attrs.base) inherited = facetsOfType(set, restriction.attrs.base, ctx, seen);
  else {
    const inline = restriction.children.find((c) => c.local === 'simpleType');
    if (inline) inherited = simpleFacets(set, inline, ctx, seen);
  }
  const own: Record<string, unknown> = {};
  const enumeration = restriction.children.filter((c) => c.local === 'enumeration').map((c) => c.attrs.value ?? '');
  const patterns = restriction.children.filter((c) => c.local === 'pattern').map((c) => c.attrs.value ?? '');
  if (enumeration.length) own.enumeration = enumeration;
  if (patterns.length) own.patterns = patterns;
  for (const f of ['length', 'minLength', 'maxLength', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'totalDigits', 'fractionDigits']) {
    const facet = restriction.children.find((c) => c.local === f);
    if (facet) own[f] = num(facet.attrs.value);
  }
  return { ...inherited, ...(own as Facets) };
}

function facetsOfType(set: XsdSet, qname: string, ctx: FileCtx, seen = new Set<XNode>()): Facets {
  const [ns, local] = resolveQName(qname, ctx);
  if (ns === XS) return { base: local };
  const simple = set.simpleTypes.get(key(ns, local));
  if (simple) return simpleFacets(set, simple.node, simple.ctx, seen);
  const complex = set.complexTypes.get(key(ns, local));
  const content = complex?.node.children.find((c) => c.local === 'simpleContent');
  const derivation = content?.children.find((c) => c.local === 'extension' || c.local === 'restriction');
  if (complex && derivation?.attrs.base) return facetsOfType(set, derivation.attrs.base, complex.ctx, seen);
  return { base: `unresolved:${local}` };
}

/** Walks the content model of the roots into path → node. */
class Flattener {
  readonly nodes = new Map<string, SchemaNode>();
  constructor(private readonly set: XsdSet) {}

  element(decl: XNode, ctx: FileCtx, parent: string, min: number, max: number, stack: readonly string[]): void {
    let node = decl;
    let nodeCtx = ctx;
    let namespace = ctx.qualified ? ctx.tns : '';
    if (decl.attrs.ref) {
      const [ns, local] = resolveQName(decl.attrs.ref, ctx);
      const global = this.set.elements.get(key(ns, local));
      if (!global) return;
      node = global.node;
      nodeCtx = global.ctx;
      namespace = ns;
    } else if (parent === '') {
      namespace = ctx.tns;
    }
    const path = `${parent}/${node.attrs.name}`;
    if (stack.length > MAX_DEPTH) return;
    const inlineComplex = node.children.find((c) => c.local === 'complexType');
    const inlineSimple = node.children.find((c) => c.local === 'simpleType');
    let facets: Facets = {};
    let complex: Decl | undefined = inlineComplex ? { node: inlineComplex, ctx: nodeCtx } : undefined;
    if (inlineSimple) facets = simpleFacets(this.set, inlineSimple, nodeCtx);
    else if (node.attrs.type) {
      const [ns, local] = resolveQName(node.attrs.type, nodeCtx);
      complex = this.set.complexTypes.get(key(ns, local));
      facets = facetsOfType(this.set, node.attrs.type, nodeCtx);
      if (complex && !complex.node.children.some((c) => c.local === 'simpleContent')) facets = {};
    }
    if (node.attrs.fixed !== undefined) facets = { ...facets, fixed: node.attrs.fixed };
    const typeKey = node.attrs.type ?? '';
    const recursive = typeKey !== '' && complex !== undefined && stack.includes(typeKey);
    this.nodes.set(path, { path, kind: 'element', namespace, min, max, facets, closed: true, typeName: node.attrs.type, ...(recursive ? { recursive } : {}) });
    if (complex && !recursive) this.complex(complex.node, complex.ctx, path, [...stack, typeKey || path]);
  }

  complex(type: XNode, ctx: FileCtx, path: string, stack: readonly string[]): void {
    for (const c of type.children) {
      if (c.local === 'complexContent' || c.local === 'simpleContent') {
        const d = c.children.find((x) => x.local === 'extension' || x.local === 'restriction');
        if (!d) continue;
        // An extension adds to its base; a complexContent restriction restates the whole model.
        if (d.local === 'extension' && d.attrs.base) {
          const [ns, local] = resolveQName(d.attrs.base, ctx);
          const base = this.set.complexTypes.get(key(ns, local));
          if (base) this.complex(base.node, base.ctx, path, stack);
        }
        this.complex(d, ctx, path, stack);
      } else if (c.local === 'sequence' || c.local === 'choice' || c.local === 'all' || c.local === 'group') {
        this.particle(c, ctx, path, 1, 1, stack);
      } else if (c.local === 'attribute') {
        this.attribute(c, ctx, path);
      } else if (c.local === 'attributeGroup') {
        this.attributeGroup(c, ctx, path);
      }
    }
  }

  /** Occurrence bounds multiply down through sequences/choices; a choice makes each branch optional. */
  particle(p: XNode, ctx: FileCtx, path: string, outerMin: number, outerMax: number, stack: readonly string[]): void {
    const min = outerMin * Number(p.attrs.minOccurs ?? 1);
    const max = outerMax * (p.attrs.maxOccurs === 'unbounded' ? Infinity : Number(p.attrs.maxOccurs ?? 1));
    if (p.local === 'element') return this.element(p, ctx, path, min, max, stack);
    if (p.local === 'group' && p.attrs.ref) {
      const [ns, local] = resolveQName(p.attrs.ref, ctx);
      const g = this.set.groups.get(key(ns, local));
      for (const c of g?.node.children ?? []) this.particle(c, g!.ctx, path, min, max, stack);
      return;
    }
    if (p.local !== 'sequence' && p.local !== 'choice' && p.local !== 'all') return;
    const branchMin = p.local === 'choice' && p.children.filter((c) => c.local !== 'annotation').length > 1 ? 0 : min;
    for (const c of p.children) this.particle(c, ctx, path, branchMin, max, stack);
  }

  attribute(a: XNode, ctx: FileCtx, path: string): void {
    let node = a;
    let nodeCtx = ctx;
    let namespace = a.attrs.form === 'qualified' ? ctx.tns : '';
    if (a.attrs.ref) {
      const [ns, local] = resolveQName(a.attrs.ref, ctx);
      const global = this.set.attributes.get(key(ns, local));
      namespace = ns;
      if (global) {
        node = global.node;
        nodeCtx = global.ctx;
      } else node = { ...a, attrs: { ...a.attrs, name: local } };
    }
    if (a.attrs.use === 'prohibited') return;
    const inline = node.children.find((c) => c.local === 'simpleType');
    let facets: Facets = inline ? simpleFacets(this.set, inline, nodeCtx) : node.attrs.type ? facetsOfType(this.set, node.attrs.type, nodeCtx) : { base: 'anySimpleType' };
    const fixed = a.attrs.fixed ?? node.attrs.fixed;
    if (fixed !== undefined) facets = { ...facets, fixed };
    const p = `${path}/@${node.attrs.name}`;
    this.nodes.set(p, { path: p, kind: 'attribute', namespace, min: a.attrs.use === 'required' ? 1 : 0, max: 1, facets, closed: true, typeName: node.attrs.type });
  }

  attributeGroup(g: XNode, ctx: FileCtx, path: string): void {
    if (!g.attrs.ref) return;
    const [ns, local] = resolveQName(g.attrs.ref, ctx);
    const decl = this.set.attributeGroups.get(key(ns, local));
    for (const c of decl?.node.children ?? []) {
      if (c.local === 'attribute') this.attribute(c, decl!.ctx, path);
      else if (c.local === 'attributeGroup') this.attributeGroup(c, decl!.ctx, path);
    }
  }
}

/**
 * The model of the documents an XSD describes. `roots` are global element names; by default the
 * global elements declared in the entry file itself (CPP-StdProsPoliceResult → ResultedCaseMessage).
 */
export function xsdModel(entry: string, roots?: readonly string[]): SchemaModel {
  const set = XsdSet.load(entry);
  const names = roots?.length ? roots : set.entryElements.length ? set.entryElements : [...set.elements.keys()].map((k) => k.slice(k.indexOf('}') + 1));
  const flat = new Flattener(set);
  for (const name of names) {
    const decl = [...set.elements.entries()].find(([k]) => k.endsWith(`}${name}`))?.[1];
    if (!decl) throw new CodedError('CONTRACT.SCHEMA_NO_ROOT', `${entry} declares no global element ${name}`);
    flat.element(decl.node, decl.ctx, '', 1, 1, []);
  }
  return { kind: 'xsd', source: entry, roots: names, nodes: flat.nodes };
}
