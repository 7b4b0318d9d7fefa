import type { MapResult, MessageContext, ObligationSubject, OutboundAdapter, RenderedMessage } from '../../../libs/contracts-kit/src/adapter.js';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';

/** What the worker hands this adapter for inbound sources: the stored command itself. */
interface CommandSubject {
  readonly command?: unknown;
}

export const PROCESSES = [{ id: 'TP-PC-001', purpose: 'Deliver the stored inbound command to the platform unchanged, tagged with our message id' }] as const;

/**
 * platform-commands@v1: commands translated from legacy inbound messages (spi-inbound@v1),
 * delivered to the Common Platform's HTTP API by the same worker, retries and ledger as outbound
 * notifications. The translation already happened at the door; this only renders JSON.
 */
export const adapter: OutboundAdapter<Record<string, unknown>> = {
  name: 'platform-commands',
  version: 'v1',
  direction: 'outbound',
  transport: 'json-http',
  subject: 'stored-event',
  schemaFiles: [],
  processes: PROCESSES,
  map(subject: ObligationSubject, _ctx: MessageContext): MapResult<Record<string, unknown>> {
    const command = (subject as unknown as CommandSubject).command;
    if (typeof command !== 'object' || command === null || Array.isArray(command)) {
      return { ok: false, problems: [problem('CONTRACT.SUBJECT_MISSING', '$', 'no stored inbound command for this notification')] };
    }
    return { ok: true, wire: command as Record<string, unknown> };
  },
  serialize(wire: Record<string, unknown>): string {
    return JSON.stringify(wire);
  },
  validate(document: string): readonly Problem[] {
    const c = JSON.parse(document) as { type?: unknown; prosecutionCase?: unknown };
    const out: Problem[] = [];
    if (typeof c.type !== 'string') out.push(problem('CONTRACT.SCHEMA_INVALID', '$.type', 'command type is required'));
    if (typeof c.prosecutionCase !== 'object' || c.prosecutionCase === null) out.push(problem('CONTRACT.SCHEMA_INVALID', '$.prosecutionCase', 'prosecutionCase object is required'));
    return out;
  },
  envelope(document: string, ctx: MessageContext): RenderedMessage {
    return { document, payload: JSON.stringify({ messageId: ctx.messageId, ...(JSON.parse(document) as object) }), contentType: 'application/json', action: '/prosecution-cases' };
  },
};

export default adapter;
