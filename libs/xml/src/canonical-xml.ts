import { CodedError } from '../../domain/src/errors/problem.js';
import { parseXmlSafely, type XmlLimits } from './safe-xml-parser.js';

/**
 * A comparison form of XML: element and attribute names resolved to `{namespace}local`, attributes
 * sorted, namespace declarations and prefixes dropped, comments/PIs dropped, whitespace-only text
 * between elements dropped. Everything else (text, including leading/trailing spaces, element
 * order, attribute values) is kept, so two documents are equal only when they carry the same data.
 */
export interface CanonicalElement {
  readonly name: string;
  readonly local: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: ReadonlyArray<CanonicalElement | string>;
}

export interface CanonicalOptions {
  /**
   * Trim text and collapse runs of whitespace to one space (XMLUnit's `normalizeWhitespace`).
   * Off by default; golden tests whose original comparison used it may turn it on.
   */
  readonly normalizeWhitespace?: boolean;
  readonly limits?: Partial<XmlLimits>;
}

export interface XmlDifference {
  readonly xpath: string;
  readonly expected: string | undefined;
  readonly actual: string | undefined;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode the predefined entities and character references only (no DTD is ever honoured). */
function decode(text: string): string {
  return text.replace(ENTITY, (_, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref]!;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

export function parseCanonical(xml: string, options: CanonicalOptions = {}): CanonicalElement {
  const parsed = parseXmlSafely<OrderedNode[]>(xml, {
    limits: options.limits,
    parser: { preserveOrder: true, trimValues: false, commentPropName: false },
  });
  if (!parsed.ok) throw new CodedError(parsed.problems[0]!.code, parsed.problems[0]!.message, parsed.problems);
  const root = parsed.value.find((n) => elementName(n) !== undefined);
  if (!root) throw new CodedError('XML.NOT_WELL_FORMED', 'no root element');
  return toCanonical(root, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), options);
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}

function resolveName(qname: string, scope: Map<string, string>, isAttribute: boolean): [string, string] {
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const local = colon === -1 ? qname : qname.slice(colon + 1);
  // Unprefixed attributes are in no namespace; unprefixed elements take the default namespace.
  const uri = prefix === '' && isAttribute ? '' : (scope.get(prefix) ?? (prefix ? `unbound:${prefix}` : ''));
  return [uri ? `{${uri}}${local}` : local, local];
}

function toCanonical(node: OrderedNode, parentScope: Map<string, string>, options: CanonicalOptions): CanonicalElement {
  const qname = elementName(node)!;
  const rawAttrs = node[':@'] ?? {};
  const scope = new Map(parentScope);
  for (const [key, value] of Object.entries(rawAttrs)) {
    const name = key.slice(2);
    if (name === 'xmlns') scope.set('', decode(value));
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), decode(value));
  }
  const attributes: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(rawAttrs)) {
    const name = key.slice(2);
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    attributes.push([resolveName(name, scope, true)[0], decode(value)]);
  }
  attributes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  const rawChildren = (node[qname] as OrderedNode[] | undefined) ?? [];
  const hasElementChild = rawChildren.some((c) => elementName(c) !== undefined);
  const children: Array<CanonicalElement | string> = [];
  for (const child of rawChildren) {
    if (elementName(child) !== undefined) {
      children.push(toCanonical(child, scope, options));
      continue;
    }
    const raw = child['#text'];
    if (raw === undefined) continue;
    let text = decode(String(raw));
    if (hasElementChild && text.trim() === '') continue;
    if (options.normalizeWhitespace) text = text.replace(/\s+/g, ' ').trim();
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + text;
    else children.push(text);
  }
  const [name, local] = resolveName(qname, scope, false);
  return { name, local, attributes, children };
}

/** Deterministic text of the canonical form (a comparison key, not XML to send anywhere). */
export function canonicalize(xml: string, options: CanonicalOptions = {}): string {
  return render(parseCanonical(xml, options));
}

function render(el: CanonicalElement): string {
  const attrs = el.attributes.map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('');
  const inner = el.children.map((c) => (typeof c === 'string' ? JSON.stringify(c) : render(c))).join('');
  return `<${el.name}${attrs}>${inner}</${el.name}>`;
}

/** Differences between two documents, by XPath (local names, 1-based positions among same-named siblings). */
export function diffXml(expectedXml: string, actualXml: string, options: CanonicalOptions = {}): XmlDifference[] {
  const out: XmlDifference[] = [];
  const expected = parseCanonical(expectedXml, options);
  diffElement(expected, parseCanonical(actualXml, options), `/${expected.local}`, out);
  return out;
}

function textOf(el: CanonicalElement): string {
  return el.children.filter((c): c is string => typeof c === 'string').join('');
}

function elementsOf(el: CanonicalElement): CanonicalElement[] {
  return el.children.filter((c): c is CanonicalElement => typeof c !== 'string');
}

function stepNames(children: CanonicalElement[]): string[] {
  const seen = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const c of children) totals.set(c.name, (totals.get(c.name) ?? 0) + 1);
  return children.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return totals.get(c.name)! > 1 ? `${c.local}[${n}]` : c.local;
  });
}

function diffElement(e: CanonicalElement, a: CanonicalElement, xpath: string, out: XmlDifference[]): void {
  if (e.name !== a.name) {
    out.push({ xpath, expected: e.name, actual: a.name });
    return;
  }
  const ea = new Map(e.attributes);
  const aa = new Map(a.attributes);
  for (const key of new Set([...ea.keys(), ...aa.keys()])) {
    if (ea.get(key) !== aa.get(key)) out.push({ xpath: `${xpath}/@${key}`, expected: ea.get(key), actual: aa.get(key) });
  }
  const et = textOf(e);
  const at = textOf(a);
  if (et !== at) out.push({ xpath: `${xpath}/text()`, expected: et, actual: at });
  const ec = elementsOf(e);
  const ac = elementsOf(a);
  const eSteps = stepNames(ec);
  const aSteps = stepNames(ac);
  for (let i = 0; i < Math.max(ec.length, ac.length); i++) {
    const ce = ec[i];
    const ca = ac[i];
    if (ce && ca) diffElement(ce, ca, `${xpath}/${eSteps[i]}`, out);
    else if (ce) out.push({ xpath: `${xpath}/${eSteps[i]}`, expected: render(ce), actual: undefined });
    else if (ca) out.push({ xpath: `${xpath}/${aSteps[i]}`, expected: undefined, actual: render(ca) });
  }
}
