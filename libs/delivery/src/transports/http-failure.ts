import type { DeliveryOutcome } from '../outcome.js';

/**
 * HTTP-level failure classes shared by the partner transports (SOAP and JSON). Anything that says
 * "the partner or the path to it is not working right now" is transport (retry, breaker); anything
 * that says "this particular message is refused" is business.
 */

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Classify an error thrown by undici (never leaks the error object itself into the outcome). */
export function classifyRequestError(err: unknown, timedOut: boolean): DeliveryOutcome {
  const e = rootCause(err);
  const code = e.code ?? '';
  if (timedOut || TIMEOUT_CODES.has(code) || e.name === 'TimeoutError') {
    return { kind: 'transport', code: 'PARTNER.TIMEOUT', message: `no complete reply in time (${code || e.name})` };
  }
  if (CONNECTION_CODES.has(code)) return { kind: 'transport', code: 'PARTNER.CONNECTION', message: `${code}: ${e.message}` };
  return { kind: 'transport', code: 'PARTNER.CONNECTION', message: `request failed: ${code || e.name}: ${e.message}` };
}

/**
 * Non-success statuses the transports do not interpret themselves:
 * 429 rate limited; 5xx partner down; 408 timeout; 401/403/404/405 endpoint or credential problems
 * (they hit every message alike, so retry + breaker, and alert, rather than park each message);
 * other 4xx (400, 413, 415, 422 …) refuse this message → business.
 */
export function classifyHttpStatus(status: number, snippet: string): DeliveryOutcome {
  const message = `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
  if (status === 429) return { kind: 'transport', code: 'PARTNER.RATE_LIMITED', message, httpStatus: status };
  if (status >= 500) return { kind: 'transport', code: `PARTNER.HTTP_${status}`, message, httpStatus: status };
  if (status === 408) return { kind: 'transport', code: 'PARTNER.TIMEOUT', message, httpStatus: status };
  if ([401, 403, 404, 405].includes(status)) return { kind: 'transport', code: `PARTNER.HTTP_${status}`, message, httpStatus: status };
  return { kind: 'business', code: `PARTNER.HTTP_${status}`, message, httpStatus: status };
}

/** Read a reply body up to `max` bytes; beyond that the rest is discarded and `overflow` set. */
export async function readCapped(body: AsyncIterable<Uint8Array> & { destroy?: () => void }, max: number): Promise<{ text: string; overflow: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      body.destroy?.();
      return { text: Buffer.concat(chunks).toString('utf8'), overflow: true };
    }
    chunks.push(Buffer.from(chunk));
  }
  return { text: Buffer.concat(chunks).toString('utf8'), overflow: false };
}

/** A short, single-line excerpt for messages (never a whole body: it may hold personal data). */
export function snippetOf(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}

function rootCause(err: unknown): { code?: string; name: string; message: string } {
  let e = err as { code?: string; name?: string; message?: string; cause?: unknown; errors?: unknown[] } | undefined;
  for (let i = 0; i < 5 && e; i++) {
    if (e.code && e.code !== 'UND_ERR' && !(e.name === 'AbortError' && e.cause)) break;
    const next = (e.errors?.[0] ?? e.cause) as typeof e;
    if (!next) break;
    e = next;
  }
  return { code: e?.code, name: e?.name ?? 'Error', message: e?.message ?? String(err) };
}
