import { Pool } from 'undici';
import type { DeliveryOutcome, PartnerTransport } from '../../delivery/src/outcome.js';
import { classifyHttpStatus, classifyRequestError, readCapped, snippetOf } from '../../delivery/src/transports/http-failure.js';
import { CJSE_SUBMIT_ACTION, classifyCjseResponse, parseCjseReply } from './cjse-response.js';
import { buildSoap11Envelope, looksLikeSoapEnvelope } from './soap11-envelope.js';

export interface SoapTransportOptions {
  /** Full endpoint URL, e.g. http://cjse.example/cjse/spi. */
  readonly url: string;
  /** Whole request budget: connect + send + complete reply. */
  readonly timeoutMs?: number;
  /** Keep-alive connections in the pool. */
  readonly connections?: number;
  readonly keepAliveTimeoutMs?: number;
  /** Replies larger than this are not read (a SubmitResponseMes is a few hundred bytes). */
  readonly maxReplyBytes?: number;
  /** SOAPAction used when the message carries none. */
  readonly defaultAction?: string;
  /** CJSE codes operators know to be transient; see CJSE_RESPONSE_CODES. */
  readonly transientCodes?: readonly number[];
}

/**
 * SOAP 1.1 over an undici keep-alive pool, for the CJSE-style SubmitRequestMes/SubmitResponseMes
 * exchange. Deliberately not node-soap: the envelope arrives pre-rendered and the reply is a few
 * hundred bytes, so a string POST plus a small safe parse is several times faster.
 */
export class SoapTransport implements PartnerTransport {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly timeoutMs: number;
  private readonly maxReplyBytes: number;
  private readonly defaultAction: string;
  private readonly transientCodes: ReadonlySet<number>;

  constructor(options: SoapTransportOptions) {
    const url = new URL(options.url);
    this.path = url.pathname + url.search;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxReplyBytes = options.maxReplyBytes ?? 256 * 1024;
    this.defaultAction = options.defaultAction ?? CJSE_SUBMIT_ACTION;
    this.transientCodes = new Set(options.transientCodes ?? []);
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 16,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connect: { timeout: Math.min(this.timeoutMs, 5_000) },
    });
  }

  async send(message: { readonly payload: string; readonly contentType: string; readonly action?: string; readonly messageId: string }): Promise<DeliveryOutcome> {
    const body = looksLikeSoapEnvelope(message.payload) ? message.payload : buildSoap11Envelope(message.payload, { messageId: message.messageId });
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.timeoutMs);
    try {
      const res = await this.pool.request({
        path: this.path,
        method: 'POST',
        headers: {
          'content-type': soapContentType(message.contentType),
          soapaction: `"${message.action ?? this.defaultAction}"`,
        },
        body,
        signal: abort.signal,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const { text, overflow } = await readCapped(res.body, this.maxReplyBytes);
      if (overflow) return unreadable(res.statusCode, `reply larger than ${this.maxReplyBytes} bytes`);
      return this.classify(res.statusCode, text, message.messageId);
    } catch (err) {
      return classifyRequestError(err, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  private classify(status: number, text: string, messageId: string): DeliveryOutcome {
    const fast = status === 200 ? fastSuccess(text) : undefined;
    if (fast) return classifyCjseResponse(fast, { sentRequestId: messageId, transientCodes: this.transientCodes });
    // SOAP 1.1 servers report faults with HTTP 500, so look at the body before the status.
    const reply = parseCjseReply(text);
    if (reply.kind === 'fault') {
      const { code, reason } = reply.fault;
      const message = `SOAP Fault ${code}: ${snippetOf(reason)}`;
      // A Client/Sender fault says our envelope is wrong: resending it unchanged cannot help.
      if (code === 'Client' || code === 'Sender') return { kind: 'contract', code: 'PARTNER.SOAP_FAULT_CLIENT', message, httpStatus: status };
      return { kind: 'transport', code: 'PARTNER.SOAP_FAULT', message, httpStatus: status };
    }
    if (status < 200 || status >= 300) return classifyHttpStatus(status, snippetOf(text, 120));
    if (reply.kind === 'unreadable') return unreadable(status, reply.problems.map((p) => `${p.code} ${p.message}`).join('; '));
    return classifyCjseResponse(reply.response, { sentRequestId: messageId, transientCodes: this.transientCodes });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * The common case, a complete SubmitResponseMes saying 1, read without building a tree (the
 * full safe parse costs more than the rest of the send). Only a small, complete envelope with
 * exactly one ResponseCode of 1, no Fault and no DOCTYPE qualifies; anything else takes the full,
 * safe path, so a truncated, HTML or odd reply is still classified the careful way.
 */
const FAST_SUCCESS = /^\s*(?:<\?xml[^>]*\?>\s*)?<(?:[\w-]+:)?Envelope\b[^>]*>[\s\S]*<(?:[\w-]+:)?SubmitResponseMes\b[\s\S]*<\/(?:[\w-]+:)?Envelope>\s*$/;
function fastSuccess(text: string): { responseCode: number; requestId?: string; responseText?: string } | undefined {
  if (text.length > 4096 || !FAST_SUCCESS.test(text) || text.includes('Fault') || text.includes('<!')) return undefined;
  const codes = text.match(/<(?:[\w-]+:)?ResponseCode>\s*(\d+)\s*<\//g);
  if (!codes || codes.length !== 1 || !/>\s*1\s*</.test(codes[0]!)) return undefined;
  const requestId = /<(?:[\w-]+:)?RequestID>([^<]{1,100})<\//.exec(text)?.[1];
  return { responseCode: 1, requestId, responseText: 'Success' };
}

function soapContentType(requested: string): string {
  // SOAP 1.1 requires text/xml (1.2 application/soap+xml); keep what the adapter chose if it is one of them.
  return requested.startsWith('text/xml') || requested.startsWith('application/soap+xml') ? requested : 'text/xml; charset=utf-8';
}

function unreadable(status: number, why: string): DeliveryOutcome {
  return { kind: 'transport', code: 'PARTNER.UNREADABLE_REPLY', message: `HTTP ${status} reply is not a readable SOAP response: ${snippetOf(why)}`, httpStatus: status };
}
