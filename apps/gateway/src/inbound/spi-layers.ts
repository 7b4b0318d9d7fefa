import { problem, type Problem } from '../../../../libs/domain/src/errors/problem.js';
import { CJSE_BUSINESS_ENTITIES_NS as ENT, CJSE_OPERATIONS_NS as OPS, CJSE_SUBMIT_ACTION, CJSE_TYPES_NS as TYPES } from '../../../../libs/soap/src/cjse-response.js';
import { SOAP11_NS, SOAP12_NS } from '../../../../libs/soap/src/soap11-envelope.js';
import { childOf, childrenOf, childText, escapeXml, parseXmlTree, type XmlElement } from '../../../../libs/soap/src/xml-tree.js';
import type { XmlLimits } from '../../../../libs/xml/src/safe-xml-parser.js';

/** A refusal from one layer: either a CJSE ResponseCode (SubmitResponseMes) or a SOAP fault. */
export interface LayerRefusal {
  readonly layer: 'envelope' | 'route-data' | 'inner-message' | 'translate';
  readonly code: string;
  readonly responseCode?: number;
  readonly problems: readonly Problem[];
}

const CJSE_NAMES: Readonly<Record<number, string>> = {
  301: 'UnknownSystem', 306: 'InvalidCorrelationID', 307: 'InvalidDataController', 1310: 'UnusableDataStream',
  1317: 'UnknownRouteSourceSystem', 1318: 'UnknownRouteDestinationSystem', 1321: 'SameSourceAndDestinationSystem', 1359: 'DisallowedDataStreamType',
};

const cjse = (responseCode: number, path: string, message: string): Problem & { responseCode: number } => ({
  responseCode,
  ...problem(`CJSE.${CJSE_NAMES[responseCode] ?? responseCode}`, path, message),
});

/** The SOAP 1.1 binding the WSDL declares: text/xml, 1.1 envelope, SOAPAction `submit`. */
export function checkTransport(contentType: string, soapAction: string | undefined, root: XmlElement): Problem | undefined {
  if (root.ns === SOAP12_NS || /application\/soap\+xml/i.test(contentType)) {
    return problem('SOAP.VERSION_MISMATCH', '/Envelope', 'spi.wsdl declares a SOAP 1.1 binding only (text/xml, http://schemas.xmlsoap.org/soap/envelope/)');
  }
  if (root.local !== 'Envelope' || root.ns !== SOAP11_NS) return problem('SOAP.NOT_ENVELOPE', '/', `root is {${root.ns ?? ''}}${root.local}, not a SOAP 1.1 Envelope`);
  if (soapAction === undefined) return problem('SOAP.ACTION_MISSING', 'SOAPAction', `SOAPAction header is required ("${CJSE_SUBMIT_ACTION}")`);
  const action = soapAction.trim().replace(/^"(.*)"$/, '$1');
  if (action !== '' && action !== CJSE_SUBMIT_ACTION) return problem('SOAP.WRONG_ACTION', 'SOAPAction', `SOAPAction "${action}" is not ${CJSE_SUBMIT_ACTION}`);
  return undefined;
}

/** The operation element must be tns1:SubmitRequestMes in the WSDL's types namespace. */
export function checkOperation(payload: XmlElement | undefined): Problem | undefined {
  if (!payload) return problem('SOAP.EMPTY_BODY', '/Envelope/Body', 'Body is empty');
  if (payload.local !== 'SubmitRequestMes' || payload.ns !== TYPES) {
    return problem('SOAP.UNKNOWN_OPERATION', '/Envelope/Body', `Body holds {${payload.ns ?? ''}}${payload.local}; the SPI endpoint takes {${TYPES}}SubmitRequestMes`);
  }
  return undefined;
}

/** One element subtree as a standalone document (default namespaces re-declared), for XSD checks. */
export function serializeElement(el: XmlElement, parentNs?: string): string {
  const ns = el.ns ?? '';
  const decl = ns !== (parentNs ?? '') ? ` xmlns="${escapeXml(ns)}"` : '';
  const inner = el.children.length ? el.children.map((c) => serializeElement(c, ns)).join('') : escapeXml(el.text);
  return `<${el.local}${decl}>${inner}</${el.local}>`;
}

/**
 * DataStream's own children (System, DataStreamType, DataStreamContent …) belong to the business
 * entities namespace (cjseBusinessEntities.xsd, elementFormDefault qualified), but real senders write
 * them unprefixed under RouteData's default namespace, i.e. in the operations namespace (Bichard's
 * input-message-routedata-001.xml). Both are read; a DataStream written that way is checked
 * against cjseOperations.xsd with those children put in the namespace the schema gives them.
 */
const STREAM_NS: readonly (string | undefined)[] = [ENT, OPS, undefined];
/** The children cjseBusinessEntities.xsd's DataStreamStructure declares (RequestedRoute etc. are the operations schema's own). */
const ENTITY_STREAM_CHILDREN: ReadonlySet<string> = new Set(['System', 'DataStreamType', 'SystemDataStreamID', 'Name', 'Reference', 'ReferenceType', 'Dated', 'Timed', 'ContentType', 'DataStreamContent']);
const streamChild = (stream: XmlElement | undefined, local: string): XmlElement | undefined =>
  STREAM_NS.map((ns) => stream?.children.find((c) => c.local === local && c.ns === ns)).find((c) => c !== undefined);
const streamText = (stream: XmlElement | undefined, local: string): string | undefined => streamChild(stream, local)?.text.trim();

/** An element tree as a document, attributes kept (xsi:* re-declared), `ns` of each element as given. */
function serializeTree(el: XmlElement, nsOf: (el: XmlElement, parent: XmlElement | undefined) => string | undefined, parent?: XmlElement, parentNs?: string): string {
  const ns = nsOf(el, parent) ?? '';
  const decl = ns !== (parentNs ?? '') || parent === undefined ? ` xmlns="${escapeXml(ns)}"` : '';
  const attrs = Object.entries(el.attrs).filter(([k]) => !k.includes(':') || k.startsWith('xsi:')).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  const xsi = Object.keys(el.attrs).some((k) => k.startsWith('xsi:')) ? ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' : '';
  const inner = el.children.length ? el.children.map((c) => serializeTree(c, nsOf, el, ns)).join('') : escapeXml(el.text);
  return `<${el.local}${decl}${xsi}${attrs}>${inner}</${el.local}>`;
}

/** The RouteData with DataStream's children in the business entities namespace, for the XSD check. */
function withQualifiedStream(rd: XmlElement): string {
  return serializeTree(rd, (el, parent) => (parent?.local === 'DataStream' && parent.ns === OPS && ENTITY_STREAM_CHILDREN.has(el.local) ? ENT : el.ns));
}

export interface RouteDataInfo {
  readonly correlationId: string;
  readonly sourceSystem: string;
  readonly content: string;
}

/**
 * RouteData (cjseOperations.xsd) carried escaped in Message. Field checks first, collecting every
 * failure the way the platform's OI validation does (OIValidationErrors.json: 301, 306, 307, 1317,
 * 1318, 1359); then the XSD, whose failures are 1310 UnusableDataStream.
 */
export function checkRouteData(message: string, opts: { limits: XmlLimits; allowedTypes: readonly string[]; validate: (xml: string) => Problem[] }): { ok: true; info: RouteDataInfo } | { ok: false; refusal: LayerRefusal } {
  const refuse = (problems: readonly (Problem & { responseCode?: number })[]): { ok: false; refusal: LayerRefusal } => ({
    ok: false,
    refusal: { layer: 'route-data', code: problems[0]!.code, responseCode: problems[0]!.responseCode ?? 1310, problems },
  });
  const tree = parseXmlTree(message, opts.limits);
  if (!tree.ok) return refuse([cjse(1310, '/SubmitRequestMes/Message', 'RouteData is not usable XML'), ...tree.problems]);
  const rd = tree.root;
  if (rd.local !== 'RouteData' || rd.ns !== OPS) return refuse([cjse(1310, '/RouteData', `Message holds {${rd.ns ?? ''}}${rd.local}, not RouteData`)]);
  const sys = childOf(rd, 'RequestFromSystem', OPS);
  const stream = childOf(rd, 'DataStream', OPS);
  const found: (Problem & { responseCode: number })[] = [];
  if (!childText(sys, 'SystemID', OPS)) found.push(cjse(301, '/RouteData/RequestFromSystem/SystemID', 'SystemID missing or blank'));
  const correlationId = childText(sys, 'CorrelationID', OPS) ?? '';
  if (!correlationId || /\s/.test(correlationId)) found.push(cjse(306, '/RouteData/RequestFromSystem/CorrelationID', 'CorrelationID missing, blank or containing spaces'));
  const dc = childOf(sys, 'DataController', OPS);
  if (dc && !dc.text.trim()) found.push(cjse(307, '/RouteData/RequestFromSystem/DataController', 'DataController is blank'));
  for (const route of childrenOf(childOf(rd, 'Routes', OPS), 'Route', OPS)) {
    const src = childText(route, 'RouteSourceSystem', OPS);
    const dst = childText(route, 'RouteDestinationSystem', OPS);
    if (!src) found.push(cjse(1317, '/RouteData/Routes/Route/RouteSourceSystem', 'RouteSourceSystem missing or blank'));
    if (!dst) found.push(cjse(1318, '/RouteData/Routes/Route/RouteDestinationSystem', 'RouteDestinationSystem missing or blank'));
    if (src && dst && src === dst) found.push(cjse(1321, '/RouteData/Routes/Route', 'route source and destination are the same system'));
  }
  const type = streamText(stream, 'DataStreamType') ?? '';
  if (!opts.allowedTypes.includes(type)) found.push(cjse(1359, '/RouteData/DataStream/DataStreamType', `DataStreamType '${type}' is not accepted here (${opts.allowedTypes.join(', ')})`));
  if (found.length) return refuse(found);
  const unqualified = stream?.children.some((c) => ENTITY_STREAM_CHILDREN.has(c.local) && c.ns !== ENT) === true;
  const xsd = opts.validate(unqualified ? withQualifiedStream(rd) : message);
  if (xsd.length) return refuse([cjse(1310, '/RouteData', 'RouteData fails cjseOperations.xsd'), ...xsd]);
  const content = streamChild(stream, 'DataStreamContent')?.text.trim() ?? '';
  return { ok: true, info: { correlationId, sourceSystem: streamText(stream, 'System') ?? childText(sys, 'SourceID', OPS) ?? '', content } };
}

/** The business message: well-formed, the expected root, then the contract's XSD. */
export function checkInner(content: string, opts: { limits: XmlLimits; root: { ns: string; local: string } }): LayerRefusal | undefined {
  const where = '/RouteData/DataStream/DataStreamContent';
  if (!content) return { layer: 'inner-message', code: 'CJSE.UnusableDataStream', responseCode: 1310, problems: [cjse(1310, where, 'DataStreamContent is empty')] };
  const tree = parseXmlTree(content, opts.limits);
  if (!tree.ok) return { layer: 'inner-message', code: 'CJSE.UnusableDataStream', responseCode: 1310, problems: [cjse(1310, where, 'data stream is not usable XML (not well-formed, escaped twice, DOCTYPE or over a limit)'), ...tree.problems] };
  const r = tree.root;
  if (r.local !== opts.root.local || r.ns !== opts.root.ns) {
    return { layer: 'inner-message', code: 'CJSE.DisallowedDataStreamType', responseCode: 1359, problems: [cjse(1359, where, `data stream holds {${r.ns ?? ''}}${r.local}; this endpoint takes {${opts.root.ns}}${opts.root.local}`)] };
  }
  return undefined;
}
