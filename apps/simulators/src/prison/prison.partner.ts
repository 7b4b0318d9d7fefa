import { createHash, randomUUID } from 'node:crypto';
import { validateDocument } from '../../../../contracts/prison-custody/v1/schema.js';
import type { Problem } from '../../../../libs/domain/src/errors/problem.js';
import type { Inspection, SimReply, SimRequest, SimulatedPartner } from '../core/simulated-partner.js';

const JSON_CT = 'application/json; charset=utf-8';

/** Options shared by the JSON partners modelled here: name, route, reference prefix, schema check. */
export interface JsonPartnerSpec {
  readonly name: string;
  readonly route: string;
  readonly referencePrefix: string;
  readonly validate: (document: string) => readonly Problem[];
  /** The message's own id when it carries one (dedupe falls back to it, then to a body hash). */
  readonly ownId?: (body: Record<string, unknown>) => string | undefined;
}

/**
 * A partner taking JSON over HTTP, checked against its contract's schema. First receipt → 201
 * {reference}; the same Idempotency-Key (or message id) again → 409 with the original reference;
 * a document the schema refuses → 422 with coded problems.
 */
export function createJsonPartner(spec: JsonPartnerSpec): SimulatedPartner {
  const json = (status: number, body: unknown): SimReply => ({ status, contentType: JSON_CT, body: JSON.stringify(body) });
  return {
    name: spec.name,
    route: spec.route,
    contentTypes: ['application/json'],
    inspect(req: SimRequest): Inspection {
      const header = req.headers['idempotency-key'];
      const key = (Array.isArray(header) ? header[0] : header)?.trim() || undefined;
      let body: unknown;
      try {
        body = JSON.parse(req.raw);
      } catch {
        return { messageId: key, problems: [{ code: 'SIM.INVALID_JSON', path: '$', message: 'body is not JSON' }], rejectCode: 400 };
      }
      const problems = spec.validate(req.raw);
      const own = typeof body === 'object' && body !== null && !Array.isArray(body) ? spec.ownId?.(body as Record<string, unknown>) : undefined;
      const messageId = key ?? own ?? createHash('sha256').update(req.raw).digest('hex');
      return { messageId, problems, ...(problems.length ? { rejectCode: 422 } : {}) };
    },
    accepted(_ins, reference, duplicate) {
      return duplicate ? json(409, { reference, duplicate: true, message: 'message already received' }) : json(201, { reference });
    },
    rejected(ins, code) {
      if (code === 400) return json(400, { message: 'request body is not valid JSON', problems: ins.problems });
      if (ins.problems.length > 0) return json(422, { message: 'message refused: schema validation failed', problems: ins.problems });
      return json(422, { message: `message refused by ${spec.name} (code ${code})`, code });
    },
    serverError(status, reason) {
      return json(status, { message: reason });
    },
    newReference() {
      return `${spec.referencePrefix}-${randomUUID()}`;
    },
  };
}

const messageIdOf = (b: Record<string, unknown>): string | undefined => (typeof b.messageId === 'string' && b.messageId.trim() ? b.messageId.trim() : undefined);

/** The prison's custody-event endpoint (prison-custody@v1): POST /prison/custody-events. */
export function createPrisonPartner(route = '/prison/custody-events'): SimulatedPartner {
  return createJsonPartner({ name: 'prison', route, referencePrefix: 'NOMIS', validate: validateDocument, ownId: messageIdOf });
}
