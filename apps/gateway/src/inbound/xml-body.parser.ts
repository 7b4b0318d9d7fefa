import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadInboundConfig } from './inbound-config.js';

/** What the XML body parser leaves in request.body: the exact bytes, or the fact that there were too many. */
export interface XmlBody {
  readonly kind: 'xml-body';
  readonly raw: Buffer;
  readonly tooLarge: boolean;
}

export const isXmlBody = (b: unknown): b is XmlBody => typeof b === 'object' && b !== null && (b as XmlBody).kind === 'xml-body';

/**
 * Slow-loris limits for the whole HTTP server: a request must arrive within requestTimeout, an
 * idle socket is dropped after connectionTimeout (longer than the keep-alive window).
 */
export const SERVER_TIMEOUTS = {
  requestTimeout: Number(process.env.CP_BRIDGE_REQUEST_TIMEOUT_MS ?? 30_000),
  connectionTimeout: Number(process.env.CP_BRIDGE_CONNECTION_TIMEOUT_MS ?? 75_000),
} as const;

/**
 * text/xml and application/soap+xml bodies kept as raw bytes, counted while they stream in: past
 * `maxBytes` the rest is discarded unread into memory and the handler answers a SOAP fault (rather
 * than Fastify's JSON 413), before any XML parsing.
 */
export function registerXmlBodyParser(fastify: FastifyInstance, maxBytes: number): void {
  fastify.addContentTypeParser(['text/xml', 'application/soap+xml', 'application/xml'], (req: FastifyRequest, payload, done) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > maxBytes;
    payload.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) over = true;
      if (!over) chunks.push(c);
    });
    payload.on('end', () => done(null, { kind: 'xml-body', raw: over ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge: over } satisfies XmlBody));
    payload.on('error', (e: Error) => done(e, undefined));
  });
}

/** The gateway's one call: the XML parser with the configured SPI byte limit (config/inbound.json). */
export function registerInboundBodyParser(app: { getHttpAdapter(): { getInstance(): unknown } }): void {
  registerXmlBodyParser(app.getHttpAdapter().getInstance() as FastifyInstance, loadInboundConfig().spi.limits.maxBytes);
}
