import type { Problem } from '../../domain/src/errors/problem.js';
import { CJSE_TYPES_NS as TYPES } from './cjse-response.js';
import { childrenOf, childText, type XmlElement } from './xml-tree.js';

/**
 * CJSE message-layer checks shared by the CJSE simulator (outbound, police side) and the gateway's
 * inbound SPI endpoint: both answer a faulty SubmitRequestMes with the codes the real exchange uses.
 */
export interface CjseCheckResult {
  readonly problems: Problem[];
  /** CJSE ResponseCode for the refusal; undefined = the SOAP request itself is unusable (Fault). */
  readonly rejectCode?: number;
}

const OK: CjseCheckResult = { problems: [] };

function refuse(code: number, name: string, path: string, message: string, more: readonly Problem[] = []): CjseCheckResult {
  return { rejectCode: code, problems: [{ code: `CJSE.${name}`, path, message }, ...more] };
}

/**
 * The MDI (SubmitRequestMes) checks, with the codes CP's own CJSE-facing validator returns for the
 * same faults (mdi-errors fixtures: no RequestID 306, no SourceID 304, no DestinationID 305, bad
 * ExecMode 307). Anything else the WSDL requires is a SOAP Client fault.
 */
export function checkSubmitRequest(mes: XmlElement): CjseCheckResult {
  const requestId = childText(mes, 'RequestID', TYPES);
  if (!requestId || /\s/.test(requestId)) return refuse(306, 'InvalidRequestID', '/SubmitRequestMes/RequestID', 'RequestID missing, blank or containing spaces');
  if (!childText(mes, 'SourceID', TYPES)) return refuse(304, 'WrongSource', '/SubmitRequestMes/SourceID', 'SourceID missing or blank');
  const dests = childrenOf(mes, 'DestinationID', TYPES).map((d) => d.text.trim());
  if (dests.length === 0 || dests.some((d) => d === '')) return refuse(305, 'WrongDestination', '/SubmitRequestMes/DestinationID', 'DestinationID missing or blank');
  const mode = childText(mes, 'ExecMode', TYPES);
  if (mode !== 'ASYNCH' && mode !== 'SYNCH' && mode !== 'ROUTE') return refuse(307, 'ModeError', '/SubmitRequestMes/ExecMode', 'ExecMode must be ASYNCH, SYNCH or ROUTE');
  const ts = childText(mes, 'Timestamp', TYPES);
  if (!ts || !/^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(ts)) {
    return { problems: [{ code: 'CJSE.MDI_SCHEMA', path: '/SubmitRequestMes/Timestamp', message: 'Timestamp missing or not an xs:dateTime' }] };
  }
  if (!childText(mes, 'Message', TYPES)) return refuse(1310, 'UnusableDataStream', '/SubmitRequestMes/Message', 'Message missing or empty');
  return OK;
}

