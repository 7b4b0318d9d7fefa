import type { Problem } from '../../../../libs/domain/src/errors/problem.js';
import { CJSE_BUSINESS_ENTITIES_NS as ENT, CJSE_OPERATIONS_NS as OPS } from '../../../../libs/soap/src/cjse-response.js';
import { type XmlDocument, type XmlNode, XmlXPath } from 'libxml2-wasm';
import { parseXmlDocument } from '../../../../libs/xml/src/xsd-validator.js';
import type { CjseCheckResult } from '../../../../libs/soap/src/cjse-layers.js';

// The MDI (SubmitRequestMes) checks are shared with the gateway's inbound SPI endpoint.
export { checkSubmitRequest, type CjseCheckResult } from '../../../../libs/soap/src/cjse-layers.js';

/** Validates one XML document; the real XSDs, compiled once (libs/xml XsdValidator). */
export interface DocValidator {
  validate(xml: string): Problem[];
  validateDocument(doc: XmlDocument): Problem[];
}

const OK: CjseCheckResult = { problems: [] };

function refuse(code: number, name: string, path: string, message: string, more: readonly Problem[] = []): CjseCheckResult {
  return { rejectCode: code, problems: [{ code: `CJSE.${name}`, path, message }, ...more] };
}

export interface RouteDataChecks {
  readonly routeData?: DocValidator;
  readonly resultedCase?: DocValidator;
  readonly allowedDataStreamTypes: ReadonlySet<string>;
}

/**
 * The RouteData carried (XML-escaped) in Message, and the business message carried (escaped again)
 * in DataStreamContent. Field checks first, for the specific codes of the OI validation fixtures
 * (301/306/1317/1318/1321/1359); then the XSDs, whose failures are UnusableDataStream (1310), as CP's
 * own JAXB unmarshalling reports them (async-response-from-cjse.xml).
 */
export function checkRouteData(message: string, v: RouteDataChecks): CjseCheckResult {
  // One libxml2 parse serves the field checks and the RouteData XSD (ADR 0007 follow-up, BENCHMARKS.md).
  const parsed = parseXmlDocument(message);
  if (!parsed.ok) return refuse(1310, 'UnusableDataStream', '/SubmitRequestMes/Message', 'RouteData is not well-formed XML', parsed.problems);
  const doc = parsed.doc;
  try {
    return checkRouteDataDocument(doc, v);
  } finally {
    doc.dispose();
  }
}

const NS = { o: OPS, e: ENT };
/**
 * The paths read from every RouteData, compiled once for the life of the process (compiling a
 * path costs more than evaluating it; BENCHMARKS.md, 26 November). Never disposed: module constants.
 */
const X = {
  correlationId: XmlXPath.compile('/o:RouteData/o:RequestFromSystem/o:CorrelationID', NS),
  systemId: XmlXPath.compile('/o:RouteData/o:RequestFromSystem/o:SystemID', NS),
  dataStreamType: XmlXPath.compile('/o:RouteData/o:DataStream/e:DataStreamType', NS),
  routes: XmlXPath.compile('/o:RouteData/o:Routes/o:Route', NS),
  routeSource: XmlXPath.compile('o:RouteSourceSystem', NS),
  routeDestination: XmlXPath.compile('o:RouteDestinationSystem', NS),
  content: XmlXPath.compile('/o:RouteData/o:DataStream/e:DataStreamContent', NS),
};
/** Trimmed text of the node at `xpath` (from `at`), or undefined when there is none. */
const textAt = (at: XmlDocument | XmlNode, xpath: XmlXPath): string | undefined => at.get(xpath)?.content.trim();

function checkRouteDataDocument(doc: XmlDocument, v: RouteDataChecks): CjseCheckResult {
  const rd = doc.root;
  if (rd.name !== 'RouteData' || rd.namespaceUri !== OPS) return refuse(1310, 'UnusableDataStream', '/RouteData', `Message holds {${rd.namespaceUri}}${rd.name}, not RouteData`);
  const correlationId = textAt(doc, X.correlationId);
  if (!correlationId || /\s/.test(correlationId)) return refuse(306, 'InvalidCorrelationID', '/RouteData/RequestFromSystem/CorrelationID', 'CorrelationID missing or containing spaces');
  if (!textAt(doc, X.systemId)) return refuse(301, 'UnknownSystem', '/RouteData/RequestFromSystem/SystemID', 'SystemID missing');
  const type = textAt(doc, X.dataStreamType) ?? '';
  if (!v.allowedDataStreamTypes.has(type)) return refuse(1359, 'DisallowedDataStreamType', '/RouteData/DataStream/DataStreamType', `DataStreamType '${type}' is not accepted here`);
  for (const route of doc.find(X.routes)) {
    const src = textAt(route, X.routeSource);
    const dst = textAt(route, X.routeDestination);
    if (!src) return refuse(1317, 'UnknownRouteSourceSystem', '/RouteData/Routes/Route/RouteSourceSystem', 'RouteSourceSystem missing');
    if (!dst) return refuse(1318, 'UnknownRouteDestinationSystem', '/RouteData/Routes/Route/RouteDestinationSystem', 'RouteDestinationSystem missing');
    if (src === dst) return refuse(1321, 'SameSourceAndDestinationSystem', '/RouteData/Routes/Route', 'route source and destination are the same system');
  }
  const rdProblems = v.routeData?.validateDocument(doc) ?? [];
  if (rdProblems.length > 0) return refuse(1310, 'UnusableDataStream', '/RouteData', 'RouteData fails cjseOperations.xsd', rdProblems);

  const content = textAt(doc, X.content);
  if (!content) return refuse(1310, 'UnusableDataStream', '/RouteData/DataStream/DataStreamContent', 'DataStreamContent empty');
  const where = '/RouteData/DataStream/DataStreamContent';
  if (type === 'SPIResults' && v.resultedCase) {
    // libxml2 reports malformed text too (XML.NOT_WELL_FORMED), so no separate parse is needed here.
    const problems = v.resultedCase.validate(content);
    if (problems.length > 0) return refuse(1310, 'UnusableDataStream', where, 'ResultedCaseMessage unusable or fails CPP-StdProsPoliceResult-v1-2.xsd', problems);
    return OK;
  }
  const inner = parseXmlDocument(content);
  if (!inner.ok) return refuse(1310, 'UnusableDataStream', where, 'data stream is not well-formed XML', inner.problems);
  inner.doc.dispose();
  return OK;
}
