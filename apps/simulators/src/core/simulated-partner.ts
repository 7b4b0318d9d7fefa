import type { Problem } from '../../../../libs/domain/src/errors/problem.js';

/** What a simulator sends back: status, content type, body. */
export interface SimReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface SimRequest {
  readonly raw: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Base URL the caller used (scheme://host), for documents that name their own address (WSDL). */
  readonly baseUrl: string;
  /** The request path without the query (GET routes with a parameter in it). */
  readonly path?: string;
}

/** The partner's reading of one inbound message. */
export interface Inspection {
  /** Idempotency key (dedupe key); undefined when the message carries none. */
  readonly messageId: string | undefined;
  readonly problems: readonly Problem[];
  /** Partner-specific refusal code for invalid messages (e.g. CJSE 1310); the partner renders it. */
  readonly rejectCode?: number;
  /** Anything respond() needs again (e.g. the RequestID to echo). */
  readonly context?: Readonly<Record<string, string>>;
}

/**
 * One simulated partner agency. Adding a partner (prison, probation, LAA, platform) is one file
 * exporting one of these; the runtime supplies recording, deduplication and fault injection.
 */
export interface SimulatedPartner {
  /** URL-safe name used under /_sim/:partner. */
  readonly name: string;
  /** POST route the partner receives messages on. */
  readonly route: string;
  readonly contentTypes: readonly string[];
  /** Validate the raw message; never throws. */
  inspect(req: SimRequest): Inspection | Promise<Inspection>;
  /** Reply for an accepted message (first time or duplicate, same reference). */
  accepted(ins: Inspection, reference: string, duplicate: boolean): SimReply;
  /** Reply for a refused message: validation problems, or an injected business rejection code. */
  rejected(ins: Inspection, code: number | undefined): SimReply;
  /** The partner's own way of saying "server error" when a fault asks for one (SOAP Fault vs JSON). */
  serverError(status: number, reason: string): SimReply;
  /** Reference issued for a newly accepted message. */
  newReference(ins: Inspection): string;
  /** Extra GET routes (e.g. ?wsdl); path relative to the server root. */
  readonly extraGets?: ReadonlyArray<{ readonly path: string; handle(req: SimRequest): SimReply | undefined }>;
}
