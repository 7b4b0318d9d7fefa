import { randomUUID } from 'node:crypto';
import type { Inspection, SimReply, SimRequest, SimulatedPartner } from '../core/simulated-partner.js';

const JSON_CT = 'application/json';

/** Where the real platform's prosecution case file query answers (ProsecutionCaseFileStub in cpp-context-staging-prosecutors-spi). */
export const CASE_FILE_QUERY_PATH = '/prosecutioncasefile-service/query/api/rest/prosecutioncasefile/cases';

/**
 * The prosecution case file service, as hmcts/cpp-context-staging-prosecutors-spi's integration
 * tests stub it (utils/stub/ProsecutionCaseFileStub @ c02d92c1): GET
 * /prosecutioncasefile-service/query/api/rest/prosecutioncasefile/cases/{caseId} → 200 with the
 * case file JSON ({caseId, defendants: [{defendantId, offences: [{offenceId, offenceLocation, …}]}], …},
 * the shape of mockFiles/prosecutioncasefile*.json), 404 for a case it does not hold.
 * Case files are loaded by POST /prosecutioncasefile-service/_files (the case file as the body;
 * recorded, deduplicated and fault-injectable like any simulated partner's messages).
 */
export function createProsecutionCaseFilePartner(): SimulatedPartner {
  const files = new Map<string, string>();
  const json = (status: number, body: unknown): SimReply => ({ status, contentType: JSON_CT, body: JSON.stringify(body) });
  return {
    name: 'prosecution-case-file',
    route: '/prosecutioncasefile-service/_files',
    contentTypes: ['application/json'],

    inspect(req: SimRequest): Inspection {
      let body: { caseId?: unknown } | undefined;
      try {
        body = JSON.parse(req.raw) as { caseId?: unknown };
      } catch {
        return { messageId: undefined, problems: [{ code: 'PCF.INVALID_JSON', path: '$', message: 'body is not JSON' }], rejectCode: 400 };
      }
      if (typeof body?.caseId !== 'string' || body.caseId === '') return { messageId: undefined, problems: [{ code: 'PCF.MISSING_FIELD', path: '$.caseId', message: 'caseId is required' }], rejectCode: 422 };
      // A later file for the same case replaces the earlier one (the service holds the latest).
      files.set(body.caseId, req.raw);
      return { messageId: `${body.caseId}:${req.raw.length}:${randomUUID()}`, problems: [], context: { caseId: body.caseId } };
    },
    accepted: (ins, reference) => json(201, { reference, caseId: ins.context?.caseId }),
    rejected: (ins, code) => json(code ?? 422, { message: 'case file refused', problems: ins.problems }),
    serverError: (status, reason) => json(status, { message: reason }),
    newReference: () => `PCF-${randomUUID()}`,
    extraGets: [
      {
        path: `${CASE_FILE_QUERY_PATH}/:caseId`,
        handle(req: SimRequest): SimReply | undefined {
          const caseId = decodeURIComponent((req.path ?? '').split('/').pop() ?? '');
          const file = files.get(caseId);
          return file === undefined ? json(404, { message: `no prosecution case file for case ${caseId}` }) : { status: 200, contentType: JSON_CT, body: file };
        },
      },
    ],
  };
}
