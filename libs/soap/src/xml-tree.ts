import { XmlCData, XmlElement as LibxmlElement, XmlText } from 'libxml2-wasm';
import { problem, type Problem } from '../../domain/src/errors/problem.js';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../../xml/src/safe-xml-parser.js';
import { escapeXml as escapeText, unescapeXml } from '../../xml/src/xml-text.js';
import { parseXmlDocument } from '../../xml/src/xsd-validator.js';

/**
 * A namespace-resolved element. SOAP partners disagree on prefixes (soap:, soapenv:, NS1:, default
 * namespaces — see spi-in-with-namespace-prefix.xml), so every lookup here is by namespace URI and
 * local name, never by the prefix a sender happened to choose.
 */
export interface XmlElement {
  readonly local: string;
  readonly ns: string | undefined;
  /** Attributes by qualified name (`xsi:type`); namespace declarations are not attributes. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Text content with entities and character references decoded; each text node trimmed, CDATA kept as is. */
  readonly text: string;
}

export type TreeResult = { readonly ok: true; readonly root: XmlElement } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Element names refused as they were when this reader was fast-xml-parser's (`strictReservedNames`):
 * the tree never uses a name as an object key (attributes live in a prototype-less record), but a
 * document naming an element `__proto__` is hostile, and the gateway answers it with this code.
 */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parse XML into a namespace-resolved tree, safely: the size, DOCTYPE, depth and element-count
 * checks of libs/xml run over the text first (so no DTD, hence no entity but the five predefined,
 * ever reaches the parser), then libxml2 parses it — 2–3× faster than fast-xml-parser's validate +
 * parse passes on a CJSE envelope (BENCHMARKS.md, 26 November) — and the tree is copied out of
 * WebAssembly memory before the document is freed.
 */
export function parseXmlTree(xml: string, limits?: Partial<XmlLimits>): TreeResult {
  const parsed = parseXmlDocument(xml, limits ? { ...DEFAULT_XML_LIMITS, ...limits } : DEFAULT_XML_LIMITS);
  if (!parsed.ok) return parsed;
  try {
    const forbidden: string[] = [];
    const root = toElement(parsed.doc.root, forbidden);
    if (forbidden.length > 0) {
      return { ok: false, problems: [problem('XML.FORBIDDEN_NAME', '/', `reserved name "${forbidden[0]}" refused (prototype pollution risk)`)] };
    }
    return { ok: true, root };
  } finally {
    parsed.doc.dispose();
  }
}

function toElement(el: LibxmlElement, forbidden: string[]): XmlElement {
  const local = el.name;
  if (FORBIDDEN_NAMES.has(local)) forbidden.push(local);
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const a of el.attrs) {
    const prefix = a.prefix;
    attrs[prefix ? `${prefix}:${a.name}` : a.name] = a.value;
  }
  const children: XmlElement[] = [];
  let text = '';
  for (let child = el.firstChild; child !== null; child = child.next) {
    if (child instanceof LibxmlElement) children.push(toElement(child, forbidden));
    else if (child instanceof XmlText) text += child.content.trim();
    else if (child instanceof XmlCData) text += child.content; // CDATA is kept as written
  }
  return { local, ns: el.namespaceUri || undefined, attrs, children, text };
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
