import type { Defendant, Hearing, ProsecutionCase } from '../../domain/src/model/index.js';
import type { Problem } from '../../domain/src/errors/problem.js';

export type Direction = 'outbound' | 'inbound';
export type TransportKind = 'soap' | 'json-http';

/** What one outbound obligation is about: one defendant of one case of a resulted hearing. */
export interface ObligationSubject {
  readonly hearing: Hearing;
  readonly prosecutionCase: ProsecutionCase;
  readonly defendant: Defendant;
  /** When the platform shared the results (ISO date-time), if it said. */
  readonly sharedTime?: string;
}

/** Per-message facts the adapter may stamp into the output; passed in so mappers stay pure. */
export interface MessageContext {
  readonly notificationId: string;
  /** Stable idempotency key sent to the partner (SOAP header and the message's own id field). */
  readonly messageId: string;
  /** ISO date-time used wherever the wire format wants "now"; fixed in tests. */
  readonly now: string;
  /** Partner-specific settings from configuration (e.g. CJSE source/destination ids). */
  readonly settings?: Readonly<Record<string, string>>;
  /**
   * Set when this message amends what the partner was told for an earlier share of the hearing
   * (ADR 0012): the superseded event and the amendment's sharedTime. A contract whose partner
   * models changes (electronic monitoring: a variation) uses it; the others send the new state.
   */
  readonly amends?: { readonly eventId: string; readonly sharedTime?: string };
}

export type MapResult<W> = { readonly ok: true; readonly wire: W } | { readonly ok: false; readonly problems: readonly Problem[] };

/** The document produced for one notification: the business message, and what goes on the wire. */
export interface RenderedMessage {
  /** The business document (e.g. ResultedCaseMessage XML, or JSON text), as validated. */
  readonly document: string;
  /** What is sent: the document inside its transport envelope (SOAP), or the document itself. */
  readonly payload: string;
  readonly contentType: string;
  /** SOAPAction or HTTP path suffix, where the transport needs it. */
  readonly action?: string;
}

/** One version of one partner contract: pure mapping and validation, no I/O after construction. */
export interface OutboundAdapter<W = unknown> {
  readonly name: string;
  readonly version: string;
  readonly direction: 'outbound';
  readonly transport: TransportKind;
  /**
   * What the worker maps from. 'defendant' (the default): one defendant of one case, re-read from
   * the stored hearing. 'stored-event': the stored event itself, handed over as `{ command }` — for
   * contracts that relay a message translated at the door (platform-commands). Shadow runs compare
   * only 'defendant' mappings.
   */
  readonly subject?: 'defendant' | 'stored-event';
  /** Schema files this version validates against, relative to the schema root. */
  readonly schemaFiles: readonly string[];
  /**
   * The transitional processes (mapping rules) this version implements, from its rule objects:
   * `TP-…` id and one-line purpose. `cp-bridge processes` lists them with the fixtures that use them.
   */
  readonly processes: readonly { readonly id: string; readonly purpose: string }[];
  /** domain → wire object; pure. */
  map(subject: ObligationSubject, ctx: MessageContext): MapResult<W>;
  /** wire object → document text; pure. */
  serialize(wire: W, ctx: MessageContext): string;
  /** document text → problems (empty when valid against the version's schema). */
  validate(document: string): readonly Problem[];
  /** document → transport payload (e.g. RouteData inside SubmitRequestMes). */
  envelope(document: string, ctx: MessageContext): RenderedMessage;
}
