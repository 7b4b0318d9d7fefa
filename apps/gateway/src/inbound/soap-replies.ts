import { buildSubmitResponseMes, CJSE_RESPONSE_CODES } from '../../../../libs/soap/src/cjse-response.js';
import { buildSoap11Envelope, SOAP11_NS } from '../../../../libs/soap/src/soap11-envelope.js';
import { escapeXml } from '../../../../libs/soap/src/xml-tree.js';
import { WSSE_NS } from './ws-security.js';

export const CPB_NS = 'urn:cp-bridge:inbound:v1';
const XML_CT = 'text/xml; charset=utf-8';

export interface SoapReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Stable code (AREA.REASON) for logs, audit and quarantine. */
  readonly code: string;
  /** CJSE ResponseCode when the answer is a SubmitResponseMes. */
  readonly responseCode?: number;
  readonly retryable: boolean;
}

/** SubmitResponseMes, as the CJSE answers: 1 = accepted; other codes are FatalError refusals. */
export function submitResponse(requestId: string, responseCode: number, code: string, detail?: string): SoapReply {
  const name = CJSE_RESPONSE_CODES[responseCode]?.name ?? 'Rejected';
  const text = responseCode === 1 ? 'Success' : `FatalError ${responseCode} ${name} (not retryable)${detail ? `: ${detail}` : ''}`;
  return {
    status: 200,
    contentType: XML_CT,
    body: buildSoap11Envelope(buildSubmitResponseMes({ requestId: requestId || 'UNKNOWN', responseCode, responseText: text.slice(0, 2000) })),
    code,
    responseCode,
    retryable: false,
  };
}

export type FaultCode = 'Client' | 'Server' | 'VersionMismatch' | 'wsse:InvalidSecurity' | 'wsse:FailedAuthentication' | 'wsse:MessageExpired';

/**
 * SOAP 1.1 Fault (HTTP 500, as the SOAP 1.1 HTTP binding requires) with a machine-readable detail:
 * our stable code and whether sending the same message again later can succeed.
 */
export function soapFault(faultCode: FaultCode, code: string, reason: string, retryable = false): SoapReply {
  const qname = faultCode.startsWith('wsse:') ? faultCode : `soap:${faultCode}`;
  const body =
    '<soap:Fault' + (faultCode.startsWith('wsse:') ? ` xmlns:wsse="${WSSE_NS}"` : '') + '><faultcode>' + qname + '</faultcode><faultstring>' +
    escapeXml(reason.slice(0, 500)) + '</faultstring><detail><cpb:error xmlns:cpb="' + CPB_NS + '"><cpb:code>' + escapeXml(code) +
    '</cpb:code><cpb:retryable>' + String(retryable) + '</cpb:retryable></cpb:error></detail></soap:Fault>';
  return { status: 500, contentType: XML_CT, body: buildSoap11Envelope(body), code, retryable };
}

export { SOAP11_NS };
