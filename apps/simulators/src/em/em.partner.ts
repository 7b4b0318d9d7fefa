import { randomUUID } from 'node:crypto';
import type { Problem } from '../../../../libs/domain/src/errors/problem.js';
import type { Inspection, SimReply, SimRequest, SimulatedPartner } from '../core/simulated-partner.js';

const JSON_CT = 'application/json; charset=utf-8';

/**
 * The electronic-monitoring supplier: JSON orders at POST /em/orders. Until the EM contract lands
 * this checks only the envelope every order has: {messageId, deviceWearer, order}.
 * First receipt → 201 {reference}; same Idempotency-Key (or messageId) again → 409 with the
 * original reference, the way idempotent APIs report a replay.
 */
export function createEmPartner(route = '/em/orders'): SimulatedPartner {
  const json = (status: number, body: unknown): SimReply => ({ status, contentType: JSON_CT, body: JSON.stringify(body) });
  return {
    name: 'electronic-monitoring',
    route,
    contentTypes: ['application/json'],

    inspect(req: SimRequest): Inspection {
      const header = req.headers['idempotency-key'];
      const key = (Array.isArray(header) ? header[0] : header)?.trim() || undefined;
      let body: unknown;
      try {
        body = JSON.parse(req.raw);
      } catch {
        return { messageId: key, problems: [{ code: 'EM.INVALID_JSON', path: '$', message: 'body is not JSON' }], rejectCode: 400 };
      }
      const problems: Problem[] = [];
      const o = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
      if (typeof o.messageId !== 'string' || o.messageId.trim() === '') problems.push({ code: 'EM.MISSING_FIELD', path: '$.messageId', message: 'messageId is required' });
      for (const field of ['deviceWearer', 'order']) {
        const v = o[field];
        if (typeof v !== 'object' || v === null || Array.isArray(v)) problems.push({ code: 'EM.MISSING_FIELD', path: `$.${field}`, message: `${field} object is required` });
      }
      const messageId = key ?? (typeof o.messageId === 'string' && o.messageId.trim() ? o.messageId.trim() : undefined);
      return { messageId, problems, ...(problems.length ? { rejectCode: 422 } : {}) };
    },

    accepted(_ins, reference, duplicate) {
      return duplicate ? json(409, { reference, duplicate: true, message: 'order already received' }) : json(201, { reference });
    },

    rejected(ins, code) {
      if (code === 400) return json(400, { message: 'request body is not valid JSON', problems: ins.problems });
      if (ins.problems.length > 0) return json(422, { message: 'order refused: required fields missing', problems: ins.problems });
      return json(422, { message: `order refused by the supplier (code ${code})`, code });
    },

    serverError(status, reason) {
      return json(status, { message: reason });
    },

    newReference() {
      return `EM-${randomUUID()}`;
    },
  };
}
