import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimRequest } from '../core/simulated-partner.js';
import { createLegalAidPartner } from '../legal-aid/legal-aid.partner.js';
import { createProbationPartner } from '../probation/probation.partner.js';
import { createPrisonPartner } from './prison.partner.js';

const expectedDocument = (contract: string, fixture: string): string => {
  const rows = JSON.parse(readFileSync(join(process.cwd(), 'contracts', contract, 'v1/fixtures', fixture, 'expected.json'), 'utf8')) as { document?: unknown }[];
  return JSON.stringify(rows.find((r) => r.document)!.document);
};
const req = (raw: string, headers: Record<string, string> = {}): SimRequest => ({ raw, headers, query: {}, baseUrl: 'http://127.0.0.1' });

describe.each([
  ['prison', createPrisonPartner(), expectedDocument('prison-custody', '001-remand-in-custody')],
  ['probation', createProbationPartner(), expectedDocument('probation-orders', '001-community-order-unpaid-work-curfew')],
  ['legal-aid', createLegalAidPartner(), expectedDocument('legal-aid-outcomes', '001-legally-aided-defendant')],
] as const)('%s simulator', (name, partner, document) => {
  it('is named for its partner and accepts a contract document, keyed by Idempotency-Key', async () => {
    expect(partner.name).toBe(name);
    const ins = await partner.inspect(req(document, { 'idempotency-key': 'k-1' }));
    expect(ins).toMatchObject({ messageId: 'k-1', problems: [] });
    expect(partner.accepted(ins, 'REF-1', false).status).toBe(201);
    expect(JSON.parse(partner.accepted(ins, 'REF-1', true).body)).toMatchObject({ reference: 'REF-1', duplicate: true });
  });

  it('dedupes on the message itself without the header', async () => {
    const a = await partner.inspect(req(document));
    const b = await partner.inspect(req(document));
    expect(a.messageId).toBeDefined();
    expect(a.messageId).toBe(b.messageId);
  });

  it('refuses a document its schema refuses, with coded problems', async () => {
    const ins = await partner.inspect(req(JSON.stringify({ unexpected: true })));
    expect(ins.rejectCode).toBe(422);
    expect(ins.problems.map((p) => p.code)).toContain('CONTRACT.SCHEMA_INVALID');
    expect(partner.rejected(ins, 422).status).toBe(422);
    expect((await partner.inspect(req('not json'))).rejectCode).toBe(400);
  });
});
