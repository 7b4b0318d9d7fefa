import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { CodedError, type Problem } from '../../../../libs/domain/src/errors/problem.js';
import { readPlatformHearingResulted } from '../../../../libs/domain/src/readers/hearing-resulted.reader.js';
import type { LedgerRepository, QuarantineRepository } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { ApiClients } from '../auth/api-clients.js';
import { presentedKey } from '../auth/api-key.guard.js';
import { exactProblems, MAX_JSON_DEPTH, needsExactScan, scanText } from './json-text.scanner.js';

export const HEARING_RESULTS_ENDPOINT = '/v1/hearing-results';
/**
 * An X-Event-Id becomes the stored event's primary key: 1–200 visible ASCII characters (a UUID is
 * 36). A longer one overflowed PostgreSQL's btree entry limit (≈ 2.7 KB) and answered 500.
 */
const EVENT_ID = /^[\x21-\x7e]{1,200}$/;
/** Of a body over the byte limit only this much is kept in the quarantine (it is never read further). */
export const OVERSIZED_KEPT_BYTES = 64 * 1024;

export interface IntakeDeps {
  readonly clients: ApiClients;
  readonly quarantine: QuarantineRepository;
  readonly ledger: LedgerRepository;
  readonly log: Logger;
}

interface Intake {
  readonly raw: Buffer;
  readonly tooLarge: boolean;
}
/** The body as checked at the door: its UTF-8 text and the value parsed from it (parsed once). */
interface CheckedJson {
  readonly text: string;
  readonly value: unknown;
}
type IntakeRequest = FastifyRequest & { apiClient?: string; cpbIntake?: Intake; cpbJson?: CheckedJson; rawBody?: Buffer };

const isIntake = (req: FastifyRequest): boolean => req.method === 'POST' && req.routeOptions?.url === HEARING_RESULTS_ENDPOINT;
const refuse = (code: string, message: string, problems: Problem[] = []): CodedError => new CodedError(code, message, problems);

/**
 * The door of POST /v1/hearing-results, as Fastify hooks so it also covers what fails before a
 * Nest handler runs (content type, encoding, size, bytes, JSON):
 *  - onRequest: only a configured client gets its body read (401 AUTH.* otherwise, audited, not quarantined);
 *  - preParsing: the exact bytes are kept (bounded by the body limit) and checked — identity encoding
 *    only (no inflation, so no gzip bomb), application/json in UTF-8, not empty, at most MAX_JSON_DEPTH
 *    deep, valid JSON without `__proto__` / `constructor.prototype` keys, and (json-text.scanner)
 *    without duplicate keys, NUL, lone surrogates, over-long strings or numbers JSON.parse would
 *    not keep as written — each with a stable code, and the last ones with every path;
 *  - onSend: every 4xx answer to an authenticated client is quarantined with its raw bytes
 *    (endpoint, sender = API client, layer `json-api`, code, problems) and the answer carries the id.
 */
export function registerHearingResultsIntake(fastify: FastifyInstance, deps: IntakeDeps): void {
  const limit = fastify.initialConfig.bodyLimit ?? 1024 * 1024;

  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    if (!isIntake(request)) return;
    const req = request as IntakeRequest;
    const key = presentedKey(req.headers);
    const client = key ? deps.clients.identify(key) : undefined;
    if (client) {
      req.apiClient = client;
      return;
    }
    const code = key ? 'AUTH.INVALID' : 'AUTH.MISSING';
    deps.log.warn({ code, endpoint: HEARING_RESULTS_ENDPOINT, remoteAddr: req.ip }, 'platform API request refused at the door');
    await deps.ledger
      .appendAudit('api:unauthenticated', 'api.rejected', { endpoint: HEARING_RESULTS_ENDPOINT, code, remoteAddr: req.ip ?? null })
      .catch((e: Error) => deps.log.error({ code: 'AUDIT.FAILED', err: e.message }, 'audit write failed'));
    throw key ? refuse(code, 'the presented API key is not valid') : refuse(code, 'authentication required: send Authorization: Bearer <key> or X-API-Key');
  });

  fastify.addHook('preParsing', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (!isIntake(request)) return payload;
    const req = request as IntakeRequest;
    const declared = Number(req.headers['content-length'] ?? NaN);
    const intake = await readBounded(payload, limit, declared);
    req.cpbIntake = intake;
    const eventIdHeader = req.headers['x-event-id'];
    if (eventIdHeader !== undefined && !EVENT_ID.test(String(eventIdHeader).trim())) {
      const message = 'X-Event-Id must be 1–200 visible ASCII characters (the platform sends a UUID)';
      throw refuse('EVENT.BAD_ID', message, [{ code: 'EVENT.BAD_ID', path: 'header:x-event-id', message }]);
    }
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      throw refuse('HTTP.UNSUPPORTED_CONTENT_ENCODING', `Content-Encoding ${encoding} is not accepted; send the JSON uncompressed`);
    }
    if (intake.tooLarge) {
      void reply.header('connection', 'close');
      throw refuse('HTTP.BODY_TOO_LARGE', `request body exceeds ${limit} bytes`);
    }
    if (intake.raw.length === 0) throw refuse('PAYLOAD.EMPTY_BODY', 'the request body is empty; send the hearing-resulted JSON');
    const type = String(req.headers['content-type'] ?? '');
    if (!isUtf8Json(type)) throw refuse('HTTP.UNSUPPORTED_MEDIA_TYPE', `content type ${type || '(none)'} is not accepted; send application/json (UTF-8)`);
    let text: string;
    try {
      // ignoreBOM keeps a leading BOM in the text, so the stored body is exactly what was sent (the parser skips it).
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(intake.raw);
    } catch {
      throw refuse('PAYLOAD.INVALID_UTF8', 'the request body is not valid UTF-8');
    }
    const scan = scanText(text, MAX_JSON_DEPTH);
    if (scan.tooDeep) throw refuse('PAYLOAD.TOO_DEEP', `JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
    // secure-json-parse: a plain JSON.parse, and only when the text mentions __proto__ or
    // constructor (escaped forms too) a scan of the parsed value; a reviver walked every value.
    let value: unknown;
    try {
      value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch (e) {
      const message = (e as Error).message;
      if (/forbidden prototype property/.test(message)) {
        const forbidden = protoKeyIn(text) ? '__proto__' : 'constructor';
        throw refuse('PAYLOAD.FORBIDDEN_KEY', `the key "${forbidden}" is not accepted (prototype pollution)`, [{ code: 'PAYLOAD.FORBIDDEN_KEY', path: '$', message: `key "${forbidden}"` }]);
      }
      throw refuse('PAYLOAD.NOT_JSON', `the request body is not valid JSON: ${message}`);
    }
    if (needsExactScan(scan, value)) {
      const found = exactProblems(text);
      if (found.length) {
        // Every problem at once: what the text holds, and what the hearing result misses.
        const read = readPlatformHearingResulted(value);
        const problems = read.ok ? found : [...found, ...read.problems];
        throw refuse('PAYLOAD.INVALID', `hearing result rejected: ${problems.length} problem(s)`, problems);
      }
    }
    req.cpbJson = { text, value };
    const again = Readable.from([intake.raw]) as Readable & { receivedEncodedLength?: number };
    again.receivedEncodedLength = intake.raw.length;
    return again;
  });

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!isIntake(request)) return payload;
    const req = request as IntakeRequest;
    const status = reply.statusCode;
    if (!req.apiClient || status < 400 || status >= 500 || status === 401 || status === 403) return payload;
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    let answer: { code?: string; message?: string; problems?: Problem[] } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      answer = { message: text.slice(0, 500) };
    }
    const code = typeof answer.code === 'string' ? answer.code : `HTTP.${status}`;
    const problems = Array.isArray(answer.problems) && answer.problems.length ? answer.problems : [{ code, path: '$', message: answer.message ?? '' }];
    const eventId = req.headers['x-event-id'];
    try {
      const quarantineId = await deps.quarantine.add({
        endpoint: HEARING_RESULTS_ENDPOINT,
        sender: req.apiClient,
        ...(req.ip ? { remoteAddr: req.ip } : {}),
        layer: 'json-api',
        code,
        problems: problems.slice(0, 50),
        requestId: String(req.id),
        ...(typeof eventId === 'string' && eventId ? { correlationId: eventId.slice(0, 200) } : {}),
        raw: req.cpbIntake?.raw ?? req.rawBody ?? Buffer.alloc(0),
      });
      deps.log.warn({ code, endpoint: HEARING_RESULTS_ENDPOINT, sender: req.apiClient, quarantineId }, 'platform API input refused and quarantined');
      return JSON.stringify({ ...answer, code, quarantineId });
    } catch (e) {
      deps.log.error({ code: 'INTAKE.QUARANTINE_FAILED', err: (e as Error).message }, 'could not quarantine a refused request');
      void reply.code(503);
      return JSON.stringify({ code: 'INTAKE.QUARANTINE_FAILED', message: 'the request was refused and could not be kept; send it again later' });
    }
  });
}

/**
 * The application/json body parser (registered through Nest so the raw body is still kept): the
 * intake route's body was already parsed and checked at the door, so its value is reused instead
 * of parsed a second time; every other JSON route gets Fastify's default secure parser.
 */
export function intakeAwareJsonParser(fastify: FastifyInstance) {
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig as { onProtoPoisoning?: 'error'; onConstructorPoisoning?: 'error' };
  // Typed for a string body; it parses a Buffer as well (Nest hands it one, to keep the raw body).
  const fallback = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error') as unknown as (req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => void;
  return (req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void): void => {
    const checked = (req as IntakeRequest).cpbJson;
    if (checked) done(null, checked.value);
    else fallback(req, body, done);
  };
}

/** The exact text of an accepted intake body (decoded once at the door). */
export function intakeText(req: FastifyRequest): string | undefined {
  return (req as IntakeRequest).cpbJson?.text;
}

/** Which forbidden key it was: parse again looking at __proto__ only (refusal path, cost irrelevant). */
function protoKeyIn(text: string): boolean {
  try {
    sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'ignore' });
    return false;
  } catch {
    return true;
  }
}

/** application/json (or no charset / charset=utf-8); RFC 8259 JSON between systems is UTF-8. */
function isUtf8Json(contentType: string): boolean {
  const [type, ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/**
 * The body's bytes up to `limit`; past it (or when Content-Length already says so) only the first
 * OVERSIZED_KEPT_BYTES are kept and reading stops: the rest is never held in memory.
 */
function readBounded(payload: NodeJS.ReadableStream, limit: number, declared: number): Promise<Intake> {
  const overDeclared = Number.isFinite(declared) && declared > limit;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (r: Intake) => {
      if (settled) return;
      settled = true;
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      resolve(r);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      chunks.push(c);
      if (overDeclared ? size >= OVERSIZED_KEPT_BYTES : size > limit) {
        payload.pause();
        finish({ raw: Buffer.concat(chunks).subarray(0, OVERSIZED_KEPT_BYTES), tooLarge: true });
      }
    };
    const onEnd = () => finish({ raw: Buffer.concat(chunks), tooLarge: overDeclared || size > limit });
    payload.on('data', onData);
    payload.on('end', onEnd);
    // Stays attached: a sender that aborts after we stopped reading must not become an uncaught error.
    payload.on('error', (e: Error) => {
      if (settled) return;
      settled = true;
      reject(e);
    });
  });
}
