import { randomUUID } from 'node:crypto';
import type { Problem } from '../../../../libs/domain/src/errors/problem.js';
import type { Inspection, SimReply, SimulatedPartner } from '../core/simulated-partner.js';

const JSON_CT = 'application/json; charset=utf-8';

/**
 * The Common Platform's command API as the bridge delivers inbound commands to it
 * (platform-commands@v1): POST /platform/prosecution-cases with {messageId, type, prosecutionCase}.
 * Records what it receives; 201 {reference} first time, 409 with the same reference on a replay.
 */
export function createPlatformPartner(route = '/platform/prosecution-cases'): SimulatedPartner {
  const json = (status: number, body: unknown): SimReply => ({ status, contentType: JSON_CT, body: JSON.stringify(body) });
  return {
    name: 'platform',
    route,
    contentTypes: ['application/json'],
    inspect(req): Inspection {
      const header = req.headers['idempotency-key'];
      const key = (Array.isArray(header) ? header[0] : header)?.trim() || undefined;
      let body: Record<string, unknown>;
      try {
        const parsed = JSON.parse(req.raw) as unknown;
        body = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      } catch {
        return { messageId: key, problems: [{ code: 'PLATFORM.INVALID_JSON', path: '$', message: 'body is not JSON' }], rejectCode: 400 };
      }
      const problems: Problem[] = [];
      if (typeof body.type !== 'string') problems.push({ code: 'PLATFORM.MISSING_FIELD', path: '$.type', message: 'command type is required' });
      const pc = body.prosecutionCase as { caseDetails?: { ptiurn?: unknown } } | undefined;
      if (typeof pc !== 'object' || pc === null) problems.push({ code: 'PLATFORM.MISSING_FIELD', path: '$.prosecutionCase', message: 'prosecutionCase is required' });
      else if (typeof pc.caseDetails?.ptiurn !== 'string') problems.push({ code: 'PLATFORM.MISSING_FIELD', path: '$.prosecutionCase.caseDetails.ptiurn', message: 'ptiurn is required' });
      const messageId = key ?? (typeof body.messageId === 'string' ? body.messageId : undefined);
      return { messageId, problems, ...(problems.length ? { rejectCode: 422 } : {}) };
    },
    accepted: (_ins, reference, duplicate) => (duplicate ? json(409, { reference, duplicate: true }) : json(201, { reference })),
    rejected: (ins, code) => json(code === 400 ? 400 : 422, { message: 'command refused', problems: ins.problems, code }),
    serverError: (status, reason) => json(status, { message: reason }),
    newReference: () => `CP-${randomUUID()}`,
  };
}
