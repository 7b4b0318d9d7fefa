import type { Problem } from '../../domain/src/errors/problem.js';
import { childOf, childText, escapeXml, parseXmlTree, type XmlElement } from './xml-tree.js';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const WSA_NS = 'http://www.w3.org/2005/08/addressing';

export interface Soap11EnvelopeOptions {
  /** Idempotency key, sent as wsa:MessageID so a partner (or simulator) can deduplicate retries. */
  readonly messageId?: string;
  readonly action?: string;
  readonly to?: string;
  /** Emit the XML declaration (default true); some partners' own replies have none. */
  readonly declaration?: boolean;
}

// Precompiled pieces: the hot path concatenates strings, it never builds a tree (ARCHITECTURE.md §4).
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const OPEN = '<soap:Envelope xmlns:soap="' + SOAP11_NS + '"';
const OPEN_WSA = OPEN + ' xmlns:wsa="' + WSA_NS + '">';
const BODY_OPEN = '<soap:Body>';
const CLOSE = '</soap:Body></soap:Envelope>';

/** Wrap a body fragment (already serialized XML, no XML declaration) in a SOAP 1.1 envelope. */
export function buildSoap11Envelope(bodyXml: string, options: Soap11EnvelopeOptions = {}): string {
  const { messageId, action, to } = options;
  const decl = options.declaration === false ? '' : DECL;
  if (messageId === undefined && action === undefined && to === undefined) return decl + OPEN + '>' + BODY_OPEN + bodyXml + CLOSE;
  let header = '<soap:Header>';
  if (messageId !== undefined) header += '<wsa:MessageID>' + escapeXml(messageId) + '</wsa:MessageID>';
  if (action !== undefined) header += '<wsa:Action>' + escapeXml(action) + '</wsa:Action>';
  if (to !== undefined) header += '<wsa:To>' + escapeXml(to) + '</wsa:To>';
  return decl + OPEN_WSA + header + '</soap:Header>' + BODY_OPEN + bodyXml + CLOSE;
}

/** A SOAP 1.1 Fault envelope (simulators, inbound endpoints). `code` is a local name: Client or Server. */
export function buildSoap11Fault(code: 'Client' | 'Server', faultString: string, detail?: string): string {
  const d = detail === undefined ? '' : '<detail>' + escapeXml(detail) + '</detail>';
  return buildSoap11Envelope('<soap:Fault><faultcode>soap:' + code + '</faultcode><faultstring>' + escapeXml(faultString) + '</faultstring>' + d + '</soap:Fault>');
}

/** Cheap sniff used by transports: is this payload already a SOAP envelope? */
export function looksLikeSoapEnvelope(payload: string): boolean {
  const head = payload.slice(0, 512);
  return /<([A-Za-z_][\w.-]*:)?Envelope[\s>]/.test(head) && (head.includes(SOAP11_NS) || head.includes(SOAP12_NS));
}

export interface SoapFault {
  /** faultcode (1.1) or Code/Value (1.2), prefix removed: Client, Server, Sender, Receiver, … */
  readonly code: string;
  readonly reason: string;
  readonly detail?: string;
}

export interface SoapEnvelope {
  readonly version: '1.1' | '1.2';
  readonly header: XmlElement | undefined;
  readonly body: XmlElement;
  /** First element inside Body (the operation's message, or the Fault). */
  readonly payload: XmlElement | undefined;
  readonly fault: SoapFault | undefined;
  /** wsa:MessageID from the header, if sent. */
  readonly messageId: string | undefined;
}

export type EnvelopeResult = { readonly ok: true; readonly envelope: SoapEnvelope } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Parse a SOAP 1.1 or 1.2 envelope safely (DOCTYPE refused, size/depth limits) and pull out Fault details. */
export function parseSoapEnvelope(xml: string): EnvelopeResult {
  const tree = parseXmlTree(xml);
  if (!tree.ok) return tree;
  const root = tree.root;
  const version = root.ns === SOAP11_NS ? '1.1' : root.ns === SOAP12_NS ? '1.2' : undefined;
  if (root.local !== 'Envelope' || version === undefined) {
    return fail('SOAP.NOT_ENVELOPE', `root element is {${root.ns ?? ''}}${root.local}, not a SOAP 1.1/1.2 Envelope`);
  }
  const ns = version === '1.1' ? SOAP11_NS : SOAP12_NS;
  const body = childOf(root, 'Body', ns);
  if (!body) return fail('SOAP.NO_BODY', 'Envelope has no Body');
  const header = childOf(root, 'Header', ns);
  const payload = body.children[0];
  const fault = payload && payload.local === 'Fault' && payload.ns === ns ? readFault(payload, version) : undefined;
  const messageId = childText(header, 'MessageID', WSA_NS);
  return { ok: true, envelope: { version, header, body, payload, fault, messageId } };
}

function readFault(f: XmlElement, version: '1.1' | '1.2'): SoapFault {
  if (version === '1.1') {
    // faultcode/faultstring/detail are unqualified in SOAP 1.1.
    const detailEl = childOf(f, 'detail');
    return withDetail(stripPrefix(childText(f, 'faultcode') ?? ''), childText(f, 'faultstring') ?? '', detailEl);
  }
  const code = childText(childOf(f, 'Code', SOAP12_NS), 'Value', SOAP12_NS) ?? '';
  const reason = childText(childOf(f, 'Reason', SOAP12_NS), 'Text', SOAP12_NS) ?? '';
  return withDetail(stripPrefix(code), reason, childOf(f, 'Detail', SOAP12_NS));
}

function withDetail(code: string, reason: string, detailEl: XmlElement | undefined): SoapFault {
  const detail = detailEl ? (detailEl.text.trim() || detailEl.children.map((c) => c.local).join(',')) : '';
  return detail ? { code, reason, detail } : { code, reason };
}

function stripPrefix(qname: string): string {
  const i = qname.lastIndexOf(':');
  return i === -1 ? qname : qname.slice(i + 1);
}

function fail(code: string, message: string): EnvelopeResult {
  return { ok: false, problems: [{ code, path: '/', message }] };
}
