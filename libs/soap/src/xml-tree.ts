import { parseXmlSafely, type SafeParseOptions } from '../../xml/src/safe-xml-parser.js';
import type { Problem } from '../../domain/src/errors/problem.js';
import { escapeXml as escapeText, unescapeXml } from '../../xml/src/xml-text.js';

/**
 * A namespace-resolved element. SOAP partners disagree on prefixes (soap:, soapenv:, NS1:, default
 * namespaces — see spi-in-with-namespace-prefix.xml), so every lookup here is by namespace URI and
 * local name, never by the prefix a sender happened to choose.
 */
export interface XmlElement {
  readonly local: string;
  readonly ns: string | undefined;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Text content with the five XML entities and character references decoded. */
  readonly text: string;
}

export type TreeResult = { readonly ok: true; readonly root: XmlElement } | { readonly ok: false; readonly problems: readonly Problem[] };

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Parse XML (safely: no DOCTYPE, limits enforced by libs/xml) into a namespace-resolved tree. */
export function parseXmlTree(xml: string, limits?: SafeParseOptions['limits']): TreeResult {
  const parsed = parseXmlSafely<OrderedNode[]>(xml, { parser: { preserveOrder: true }, ...(limits ? { limits } : {}) });
  if (!parsed.ok) return parsed;
  const top = parsed.value.find((n) => elementName(n) !== undefined);
  if (!top) return { ok: false, problems: [{ code: 'XML.NO_ROOT', path: '/', message: 'no root element' }] };
  return { ok: true, root: toElement(top, new Map()) };
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && !k.startsWith('?'));
}

function toElement(node: OrderedNode, scope: ReadonlyMap<string, string>): XmlElement {
  const qname = elementName(node) as string;
  const rawAttrs = node[':@'] ?? {};
  const attrs: Record<string, string> = {};
  let localScope: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(rawAttrs)) {
    const name = key.startsWith('@_') ? key.slice(2) : key;
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      localScope ??= new Map(scope);
      localScope.set(name === 'xmlns' ? '' : name.slice(6), unescapeXml(String(value)));
    } else {
      attrs[name] = unescapeXml(String(value));
    }
  }
  const nsScope = localScope ?? scope;
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[qname] as OrderedNode[] | undefined) ?? []) {
    if ('#text' in child) text += String(child['#text']);
    else if (elementName(child) !== undefined) children.push(toElement(child, nsScope));
  }
  return { local: colon === -1 ? qname : qname.slice(colon + 1), ns: nsScope.get(prefix) || undefined, attrs, children, text: unescapeXml(text) };
}

/** First child with this local name (and namespace, when given). */
export function childOf(el: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local && (ns === undefined || c.ns === ns));
}

export function childrenOf(el: XmlElement | undefined, local: string, ns?: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local && (ns === undefined || c.ns === ns)) : [];
}

/** Trimmed text of a child, or undefined when the child is absent. */
export function childText(el: XmlElement | undefined, local: string, ns?: string): string | undefined {
  const c = childOf(el, local, ns);
  return c === undefined ? undefined : c.text.trim();
}

export { unescapeXml };

/** Escape text for element content or attribute values (apostrophes too). */
export function escapeXml(s: string): string {
  return escapeText(s, true);
}
