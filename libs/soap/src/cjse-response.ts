import type { DeliveryOutcome } from '../../delivery/src/outcome.js';
import type { Problem } from '../../domain/src/errors/problem.js';
import { parseSoapEnvelope, type SoapFault } from './soap11-envelope.js';
import { childOf, childrenOf, childText, escapeXml, parseXmlTree } from './xml-tree.js';

export const CJSE_TYPES_NS = 'http://schemas.cjse.gov.uk/endpoint/types/';
export const CJSE_OPERATIONS_NS = 'http://schemas.cjse.gov.uk/common/operations';
export const CJSE_BUSINESS_ENTITIES_NS = 'http://schemas.cjse.gov.uk/common/businessentities';
export const CJSE_SUBMIT_ACTION = 'http://schemas.cjse.gov.uk/endpoint/wsdl/submit';

export type CjseCodeClass = 'success' | 'business' | 'transport';

export interface CjseCodeInfo {
  readonly name: string;
  readonly cls: CjseCodeClass;
  readonly source: string;
}

const ENUM = 'hmcts/cpp-context-staging-prosecutors-spi ValidationError.java (uk.gov.moj.cpp.staging.prosecutors.spi.validation, @c02d92c1a529; all StatusClass FatalError); MANIFEST.md cp-spi-staging';

/**
 * Every CJSE response code we have a documented meaning for. Sources are the public fixtures and the
 * CP SPI adapter's own validation enum; all documented non-1 codes are FatalError validation
 * failures, i.e. the partner understood the message and refused it: retrying the same bytes cannot
 * succeed, so they are business rejections (park + alert).
 *
 * No fixture or public source documents a transient/internal CJSE code. Codes we have not seen are
 * therefore classed business too (an unexplained refusal must be looked at, not retried blindly);
 * operators who learn of a transient code add it with `transientCodes` on the transport.
 */
export const CJSE_RESPONSE_CODES: Readonly<Record<number, CjseCodeInfo>> = {
  1: { name: 'Success', cls: 'success', source: 'cjse-responses/CjseResponse.xml, xmlResponseExample.xml' },
  301: { name: 'UnknownSystem', cls: 'business', source: ENUM + '; spi-in/errors/OIValidationErrors.json' },
  // Re-sent RequestID/correlation: the first copy may have been refused, so a person checks it (not auto-acked).
  302: { name: 'PreviouslySent', cls: 'business', source: ENUM + '; spi-in/errors/OIInvalid302Error.json' },
  304: { name: 'WrongSource', cls: 'business', source: ENUM + '; spi-in/mdi-errors/MDINoSourceId.xml' },
  305: { name: 'WrongDestination', cls: 'business', source: ENUM + '; spi-in/mdi-errors/MDINoDestinationId.xml' },
  306: { name: 'InvalidRequestID/InvalidCorrelationID', cls: 'business', source: ENUM + '; spi-in/mdi-errors/MDINoRequestId.xml' },
  307: { name: 'ModeError/InvalidDataController', cls: 'business', source: ENUM + '; spi-in/errors/OIValidationErrors.json' },
  308: { name: 'InvalidOrganizationalUnitID', cls: 'business', source: ENUM },
  309: { name: 'InvalidOffenceCode', cls: 'business', source: 'MANIFEST.md cp-spi-staging (ValidationError list)' },
  1310: { name: 'UnusableDataStream', cls: 'business', source: ENUM + '; cjse-responses/async-response-from-cjse.xml' },
  1317: { name: 'UnknownRouteSourceSystem', cls: 'business', source: ENUM + '; spi-in/errors/OIValidationErrors.json' },
  1318: { name: 'UnknownRouteDestinationSystem', cls: 'business', source: ENUM + '; spi-in/errors/OIValidationErrors.json' },
  1321: { name: 'SameSourceAndDestinationSystem', cls: 'business', source: ENUM },
  1359: { name: 'DisallowedDataStreamType', cls: 'business', source: ENUM + '; spi-in/errors/OIValidationErrors.json' },
};

export interface CjseSubmitResponse {
  readonly responseCode: number;
  readonly responseText?: string;
  readonly requestId?: string;
}

export type CjseReply =
  | { readonly kind: 'response'; readonly response: CjseSubmitResponse }
  | { readonly kind: 'fault'; readonly fault: SoapFault; readonly version: '1.1' | '1.2' }
  | { readonly kind: 'unreadable'; readonly problems: readonly Problem[] };

/** Read a synchronous CJSE reply: SubmitResponseMes inside a SOAP envelope, or a Fault. */
export function parseCjseReply(xml: string): CjseReply {
  if (xml.trim() === '') return unreadable('CJSE.EMPTY_REPLY', 'empty reply body');
  const env = parseSoapEnvelope(xml);
  if (!env.ok) return { kind: 'unreadable', problems: env.problems };
  const { envelope } = env;
  if (envelope.fault) return { kind: 'fault', fault: envelope.fault, version: envelope.version };
  const p = envelope.payload;
  if (!p || p.local !== 'SubmitResponseMes' || p.ns !== CJSE_TYPES_NS) {
    return unreadable('CJSE.UNEXPECTED_BODY', `Body holds ${p ? `{${p.ns ?? ''}}${p.local}` : 'nothing'}, not SubmitResponseMes`);
  }
  const codeText = childText(p, 'ResponseCode', CJSE_TYPES_NS);
  if (codeText === undefined || !/^-?\d+$/.test(codeText)) return unreadable('CJSE.NO_RESPONSE_CODE', 'SubmitResponseMes has no integer ResponseCode');
  const responseText = childText(p, 'ResponseText', CJSE_TYPES_NS);
  const requestId = childText(p, 'RequestID', CJSE_TYPES_NS);
  return {
    kind: 'response',
    response: { responseCode: Number(codeText), ...(responseText ? { responseText } : {}), ...(requestId ? { requestId } : {}) },
  };
}

export interface RouteDataStatus {
  readonly statusClass: string;
  readonly code: number;
  readonly description?: string;
  readonly routeId?: string;
}

/** Read an asynchronous RouteDataResp (e.g. FatalError 1310 UnusableDataStream). */
export function parseRouteDataResp(xml: string): { ok: true; correlationId?: string; statuses: RouteDataStatus[] } | { ok: false; problems: readonly Problem[] } {
  const tree = parseXmlTree(xml);
  if (!tree.ok) return tree;
  const root = tree.root;
  if (root.local !== 'RouteDataResp' || root.ns !== CJSE_OPERATIONS_NS) {
    return { ok: false, problems: [{ code: 'CJSE.UNEXPECTED_BODY', path: '/', message: `root is ${root.local}, not RouteDataResp` }] };
  }
  const correlationId = childText(childOf(root, 'ResponseToSystem', CJSE_OPERATIONS_NS), 'CorrelationID', CJSE_OPERATIONS_NS);
  const statuses = childrenOf(root, 'OperationStatus', CJSE_OPERATIONS_NS).map((s) => {
    const description = childText(s, 'Description', CJSE_OPERATIONS_NS);
    const routeId = childText(s, 'RouteId', CJSE_OPERATIONS_NS);
    return {
      statusClass: childText(s, 'StatusClass', CJSE_OPERATIONS_NS) ?? '',
      code: Number(childText(s, 'Code', CJSE_OPERATIONS_NS) ?? NaN),
      ...(description ? { description } : {}),
      ...(routeId ? { routeId } : {}),
    };
  });
  return { ok: true, ...(correlationId ? { correlationId } : {}), statuses };
}

export interface ClassifyOptions {
  /** Our RequestID, used as the acknowledgement reference when the reply does not echo one. */
  readonly sentRequestId: string;
  /** Codes operators know to be transient (retry); none are documented publicly. */
  readonly transientCodes?: ReadonlySet<number>;
}

/** Map a CJSE response code to a delivery outcome using CJSE_RESPONSE_CODES. */
export function classifyCjseResponse(r: CjseSubmitResponse, o: ClassifyOptions): DeliveryOutcome {
  const info = CJSE_RESPONSE_CODES[r.responseCode];
  const text = r.responseText ?? info?.name ?? 'undocumented CJSE response code';
  if (r.responseCode === 1) {
    return r.requestId
      ? { kind: 'success', ackRef: r.requestId, detail: `CJSE ResponseCode 1 ${text}` }
      : { kind: 'success', ackRef: o.sentRequestId, detail: 'CJSE ResponseCode 1 without RequestID; ackRef is the RequestID we sent' };
  }
  const code = `CJSE.RESPONSE_${r.responseCode}`;
  if (o.transientCodes?.has(r.responseCode)) return { kind: 'transport', code, message: `CJSE ${r.responseCode} ${text} (configured transient)` };
  const suffix = info ? '' : ' (undocumented code: check with the CJSE before replaying)';
  return { kind: 'business', code, message: `CJSE ${r.responseCode} ${text}${suffix}` };
}

/** SubmitResponseMes in exactly the shape of the real CjseResponse.xml (simulators, tests). */
export function buildSubmitResponseMes(r: { requestId: string; responseCode: number; responseText?: string }): string {
  const text = r.responseText === undefined ? '' : '<ResponseText>' + escapeXml(r.responseText) + '</ResponseText>';
  return (
    '<SubmitResponseMes xmlns="' + CJSE_TYPES_NS + '"><RequestID>' + escapeXml(r.requestId) + '</RequestID><ResponseCode>' +
    String(r.responseCode) + '</ResponseCode>' + text + '</SubmitResponseMes>'
  );
}

function unreadable(code: string, message: string): CjseReply {
  return { kind: 'unreadable', problems: [{ code, path: '/', message }] };
}
