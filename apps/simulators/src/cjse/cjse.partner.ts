import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { schemaRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { XsdValidator } from '../../../../libs/xml/src/xsd-validator.js';
import { buildSubmitResponseMes, CJSE_RESPONSE_CODES, CJSE_TYPES_NS } from '../../../../libs/soap/src/cjse-response.js';
import { buildSoap11Envelope, buildSoap11Fault, parseSoapEnvelope } from '../../../../libs/soap/src/soap11-envelope.js';
import { childText } from '../../../../libs/soap/src/xml-tree.js';
import type { Inspection, SimReply, SimRequest, SimulatedPartner } from '../core/simulated-partner.js';
import { checkRouteData, checkSubmitRequest, type DocValidator } from './cjse-checks.js';

export interface CjsePartnerOptions {
  /** Where cp-spi-staging/{xsd,wsdl} live; default the project's schema root (used in place). */
  readonly schemaRoot?: string;
  readonly route?: string;
  readonly allowedDataStreamTypes?: readonly string[];
}

const XML = 'text/xml; charset=utf-8';

/**
 * The police side's CJSE gateway: SubmitRequestMes in, SubmitResponseMes out, as the real exchange
 * answers (CjseResponse.xml). Validation errors that the real CJSE reports asynchronously in a
 * RouteDataResp are answered synchronously here with the same codes, so a sender sees them at once.
 */
export function createCjsePartner(log: Logger, options: CjsePartnerOptions = {}): SimulatedPartner {
  const base = resolve(options.schemaRoot ?? schemaRoot(), 'cp-spi-staging');
  const route = options.route ?? '/cjse/spi';
  const routeData = compile(resolve(base, 'xsd/cjseOperations.xsd'), log);
  const resultedCase = compile(resolve(base, 'xsd/CPP-StdProsPoliceResult-v1-2.xsd'), log);
  const wsdlPath = resolve(base, 'wsdl/spi.wsdl');
  const wsdl = existsSync(wsdlPath) ? readFileSync(wsdlPath, 'utf8') : undefined;
  if (!wsdl) log.warn({ wsdlPath }, 'CJSE WSDL missing: GET ?wsdl will answer 404');
  const allowedDataStreamTypes = new Set(options.allowedDataStreamTypes ?? ['SPIResults']);

  const envelopeOf = (body: string): string => buildSoap11Envelope(body, { declaration: false });
  const response = (requestId: string, code: number, text: string): SimReply => ({
    status: 200,
    contentType: XML,
    body: envelopeOf(buildSubmitResponseMes({ requestId, responseCode: code, responseText: text })),
  });

  return {
    name: 'police',
    route,
    contentTypes: ['text/xml', 'application/soap+xml'],

    inspect(req: SimRequest): Inspection {
      const env = parseSoapEnvelope(req.raw);
      if (!env.ok) return { messageId: undefined, problems: env.problems };
      const { envelope } = env;
      if (envelope.version !== '1.1') return { messageId: undefined, problems: [{ code: 'SOAP.VERSION_MISMATCH', path: '/Envelope', message: 'the CJSE endpoint speaks SOAP 1.1 only' }] };
      const mes = envelope.payload;
      if (!mes || mes.local !== 'SubmitRequestMes' || mes.ns !== CJSE_TYPES_NS) {
        return { messageId: undefined, problems: [{ code: 'SOAP.UNKNOWN_OPERATION', path: '/Envelope/Body', message: 'Body does not hold a SubmitRequestMes' }] };
      }
      const requestId = childText(mes, 'RequestID', CJSE_TYPES_NS) ?? '';
      // The idempotency key travels as wsa:MessageID when the sender adds one; else the RequestID is the key.
      const messageId = envelope.messageId || requestId || undefined;
      const context = { requestId: requestId || 'UNKNOWN' };
      const mdi = checkSubmitRequest(mes);
      if (mdi.problems.length > 0) return { messageId, problems: mdi.problems, ...(mdi.rejectCode ? { rejectCode: mdi.rejectCode } : {}), context };
      const rd = checkRouteData(childText(mes, 'Message', CJSE_TYPES_NS) ?? '', { routeData, resultedCase, allowedDataStreamTypes });
      return { messageId, problems: rd.problems, ...(rd.rejectCode ? { rejectCode: rd.rejectCode } : {}), context };
    },

    accepted(ins, reference) {
      return response(reference || (ins.context?.requestId ?? 'UNKNOWN'), 1, 'Success');
    },

    rejected(ins, code) {
      if (code === undefined) {
        const why = ins.problems.map((p) => `${p.code}: ${p.message}`).join('; ');
        return { status: 500, contentType: XML, body: buildSoap11Fault('Client', why.slice(0, 500) || 'unreadable request') };
      }
      return response(ins.context?.requestId ?? 'UNKNOWN', code, CJSE_RESPONSE_CODES[code]?.name.split('/')[0] ?? 'Rejected');
    },

    serverError(status, reason) {
      return { status, contentType: XML, body: buildSoap11Fault('Server', reason) };
    },

    newReference(ins) {
      // The real exchange acknowledges by echoing the RequestID.
      return ins.context?.requestId ?? 'UNKNOWN';
    },

    extraGets: [
      {
        path: route,
        handle(req) {
          if (!('wsdl' in req.query) && !('WSDL' in req.query)) return undefined;
          if (!wsdl) return { status: 404, contentType: 'text/plain', body: 'WSDL not available: schema root missing' };
          // Served in place from the fixtures, with the placeholder address pointing back at us.
          const body = wsdl.replace(/(<(?:[\w.-]+:)?address\s+location=")[^"]*(")/g, `$1${req.baseUrl}${route}$2`);
          return { status: 200, contentType: XML, body };
        },
      },
    ],
  };
}

function compile(path: string, log: Logger): DocValidator | undefined {
  if (!existsSync(path)) {
    log.warn({ path }, 'schema missing: CJSE simulator checks well-formedness and fields only');
    return undefined;
  }
  return XsdValidator.fromFile(path);
}
