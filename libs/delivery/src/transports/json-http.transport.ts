import { Pool } from 'undici';
import type { DeliveryOutcome, PartnerTransport } from '../outcome.js';
import { classifyHttpStatus, classifyRequestError, readCapped, snippetOf } from './http-failure.js';

export interface JsonHttpTransportOptions {
  /** Full endpoint URL, e.g. https://em-supplier.example/em/orders. */
  readonly url: string;
  readonly timeoutMs?: number;
  readonly connections?: number;
  readonly keepAliveTimeoutMs?: number;
  readonly maxReplyBytes?: number;
  /** Reply fields tried in order for the supplier's reference. */
  readonly referenceFields?: readonly string[];
  /** Extra static headers (e.g. an API key header from configuration). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * JSON over HTTP (the electronic-monitoring supplier). Every POST carries `Idempotency-Key:
 * <messageId>` so a retry after a lost reply is recognised by the supplier, which answers 409 with
 * the original reference — counted as success, because the order is there.
 *
 *   2xx + JSON reference        → success (ackRef)
 *   409 + JSON reference        → success (duplicate of an accepted order)
 *   400 / 422                   → business PARTNER.REJECTED (supplier's message)
 *   409 without reference       → business PARTNER.CONFLICT (a person must look)
 *   409 with an unreadable body → transport PARTNER.UNREADABLE_REPLY (retried)
 *   2xx without JSON/reference  → transport PARTNER.UNREADABLE_REPLY (retry is safe: idempotent)
 *   429 / 5xx / timeout / socket → transport (see http-failure.ts)
 */
export class JsonHttpTransport implements PartnerTransport {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly timeoutMs: number;
  private readonly maxReplyBytes: number;
  private readonly referenceFields: readonly string[];
  private readonly headers: Readonly<Record<string, string>>;

  constructor(options: JsonHttpTransportOptions) {
    const url = new URL(options.url);
    this.path = url.pathname + url.search;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxReplyBytes = options.maxReplyBytes ?? 256 * 1024;
    this.referenceFields = options.referenceFields ?? ['reference', 'orderReference', 'id'];
    this.headers = options.headers ?? {};
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 16,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connect: { timeout: Math.min(this.timeoutMs, 5_000) },
    });
  }

  async send(message: { readonly payload: string; readonly contentType: string; readonly action?: string; readonly messageId: string }): Promise<DeliveryOutcome> {
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, this.timeoutMs);
    try {
      const res = await this.pool.request({
        path: message.action ? joinPath(this.path, message.action) : this.path,
        method: 'POST',
        headers: {
          ...this.headers,
          'content-type': message.contentType.includes('json') ? message.contentType : 'application/json',
          accept: 'application/json',
          'idempotency-key': message.messageId,
        },
        body: message.payload,
        signal: abort.signal,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const { text, overflow } = await readCapped(res.body, this.maxReplyBytes);
      if (overflow) return unreadable(res.statusCode, `reply larger than ${this.maxReplyBytes} bytes`);
      return this.classify(res.statusCode, text);
    } catch (err) {
      return classifyRequestError(err, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  private classify(status: number, text: string): DeliveryOutcome {
    const json = parseJson(text);
    const ref = json === undefined ? undefined : this.referenceOf(json);
    if (status >= 200 && status < 300) {
      if (json === undefined) return unreadable(status, text ? 'body is not JSON' : 'empty body');
      return ref ? { kind: 'success', ackRef: ref } : unreadable(status, 'JSON reply has no reference');
    }
    if (status === 409) {
      // A 409 we cannot read (cut short, not JSON) says nothing about the order: retry it, the
      // supplier answers the duplicate again. Only a readable 409 without a reference is a conflict.
      if (json === undefined) return unreadable(status, text ? '409 body is not JSON' : '409 with an empty body');
      return ref
        ? { kind: 'success', ackRef: ref, detail: 'duplicate: supplier already holds this Idempotency-Key' }
        : { kind: 'business', code: 'PARTNER.CONFLICT', message: `HTTP 409 without a reference: ${supplierMessage(json, text)}`, httpStatus: status };
    }
    if (status === 400 || status === 422) {
      return { kind: 'business', code: 'PARTNER.REJECTED', message: supplierMessage(json, text), httpStatus: status };
    }
    return classifyHttpStatus(status, snippetOf(text, 120));
  }

  private referenceOf(json: unknown): string | undefined {
    if (typeof json !== 'object' || json === null) return undefined;
    for (const field of this.referenceFields) {
      const v = (json as Record<string, unknown>)[field];
      if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return String(v);
    }
    return undefined;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** RenderedMessage.action is an HTTP path suffix for JSON partners (e.g. an order type). */
function joinPath(base: string, suffix: string): string {
  return base.replace(/\/+$/, '') + '/' + suffix.replace(/^\/+/, '');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The supplier's own explanation, from the usual fields, else a short excerpt of the body. */
function supplierMessage(json: unknown, text: string): string {
  if (typeof json === 'object' && json !== null) {
    const o = json as Record<string, unknown>;
    for (const key of ['message', 'error', 'detail', 'title']) {
      if (typeof o[key] === 'string' && o[key]) {
        const extra = Array.isArray(o.problems) || Array.isArray(o.errors) ? ` ${snippetOf(JSON.stringify(o.problems ?? o.errors), 300)}` : '';
        return snippetOf(String(o[key]), 300) + extra;
      }
    }
  }
  return snippetOf(text, 300) || 'no explanation given';
}

function unreadable(status: number, why: string): DeliveryOutcome {
  return { kind: 'transport', code: 'PARTNER.UNREADABLE_REPLY', message: `HTTP ${status}: ${why}`, httpStatus: status };
}
