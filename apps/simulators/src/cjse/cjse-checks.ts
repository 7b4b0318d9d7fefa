import type { Problem } from '../../../../libs/domain/src/errors/problem.js';
import { CJSE_BUSINESS_ENTITIES_NS as ENT, CJSE_OPERATIONS_NS as OPS } from '../../../../libs/soap/src/cjse-response.js';
import { childOf, childrenOf, childText, parseXmlTree } from '../../../../libs/soap/src/xml-tree.js';
import type { CjseCheckResult } from '../../../../libs/soap/src/cjse-layers.js';

// The MDI (SubmitRequestMes) checks are shared with the gateway's inbound SPI endpoint.
export { checkSubmitRequest, type CjseCheckResult } from '../../../../libs/soap/src/cjse-layers.js';

/** Validates one XML document; the real XSDs, compiled once (libs/xml XsdValidator). */
export interface DocValidator {
  validate(xml: string): Problem[];
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
  const tree = parseXmlTree(message);
  if (!tree.ok) return refuse(1310, 'UnusableDataStream', '/SubmitRequestMes/Message', 'RouteData is not well-formed XML', tree.problems);
  const rd = tree.root;
  if (rd.local !== 'RouteData' || rd.ns !== OPS) return refuse(1310, 'UnusableDataStream', '/RouteData', `Message holds {${rd.ns ?? ''}}${rd.local}, not RouteData`);
  const sys = childOf(rd, 'RequestFromSystem', OPS);
  const correlationId = childText(sys, 'CorrelationID', OPS);
  if (!correlationId || /\s/.test(correlationId)) return refuse(306, 'InvalidCorrelationID', '/RouteData/RequestFromSystem/CorrelationID', 'CorrelationID missing or containing spaces');
  if (!childText(sys, 'SystemID', OPS)) return refuse(301, 'UnknownSystem', '/RouteData/RequestFromSystem/SystemID', 'SystemID missing');
  const stream = childOf(rd, 'DataStream', OPS);
  const type = childText(stream, 'DataStreamType', ENT) ?? '';
  if (!v.allowedDataStreamTypes.has(type)) return refuse(1359, 'DisallowedDataStreamType', '/RouteData/DataStream/DataStreamType', `DataStreamType '${type}' is not accepted here`);
  for (const route of childrenOf(childOf(rd, 'Routes', OPS), 'Route', OPS)) {
    const src = childText(route, 'RouteSourceSystem', OPS);
    const dst = childText(route, 'RouteDestinationSystem', OPS);
    if (!src) return refuse(1317, 'UnknownRouteSourceSystem', '/RouteData/Routes/Route/RouteSourceSystem', 'RouteSourceSystem missing');
    if (!dst) return refuse(1318, 'UnknownRouteDestinationSystem', '/RouteData/Routes/Route/RouteDestinationSystem', 'RouteDestinationSystem missing');
    if (src === dst) return refuse(1321, 'SameSourceAndDestinationSystem', '/RouteData/Routes/Route', 'route source and destination are the same system');
  }
  const rdProblems = v.routeData?.validate(message) ?? [];
  if (rdProblems.length > 0) return refuse(1310, 'UnusableDataStream', '/RouteData', 'RouteData fails cjseOperations.xsd', rdProblems);

  const content = childText(stream, 'DataStreamContent', ENT);
  if (!content) return refuse(1310, 'UnusableDataStream', '/RouteData/DataStream/DataStreamContent', 'DataStreamContent empty');
  const where = '/RouteData/DataStream/DataStreamContent';
  if (type === 'SPIResults' && v.resultedCase) {
    // libxml2 reports malformed text too (XML.NOT_WELL_FORMED), so no separate parse is needed here.
    const problems = v.resultedCase.validate(content);
    if (problems.length > 0) return refuse(1310, 'UnusableDataStream', where, 'ResultedCaseMessage unusable or fails CPP-StdProsPoliceResult-v1-2.xsd', problems);
    return OK;
  }
  const inner = parseXmlTree(content);
  if (!inner.ok) return refuse(1310, 'UnusableDataStream', where, 'data stream is not well-formed XML', inner.problems);
  return OK;
}
