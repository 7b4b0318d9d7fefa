import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OutboundAdapter } from '../../../../libs/contracts-kit/src/adapter.js';
import { contractsRoot } from '../../../../libs/contracts-kit/src/paths.js';
import type { ContractRegistry } from '../../../../libs/contracts-kit/src/registry.js';
import type { PartnerTransport } from '../../../../libs/delivery/src/outcome.js';
import { PartnerBreaker } from '../../../../libs/delivery/src/policy/partner-breaker.js';
import { adapter as policeV1 } from '../../../../contracts/police-results/v1/adapter.js';
import { createSimulatorsApp } from '../../../simulators/src/simulators.app.js';
import { CASE_FILE_QUERY_PATH } from '../../../simulators/src/prosecution-case-file/prosecution-case-file.partner.js';
import { dispatchNotification, type DispatchDeps } from '../dispatch/dispatch-notification.use-case.js';
import type { EnrichmentPort } from './enrichment.port.js';
import { HttpEnrichmentAdapter } from './http-enrichment.adapter.js';

/**
 * Enrichment (issue 27): the police contract declares it needs the prosecution case file; the
 * worker resolves it through the port (HTTP adapter, against the simulators serving the real
 * stub's shape) and the offence's LocationOfOffence is sent; unresolved → retried, then parked
 * ENRICHMENT.UNRESOLVED, never sent without it.
 */
const fixture = join(contractsRoot(), 'police-results', 'v1', 'fixtures', '002-hearing-resulted-two-defendants');
const event = JSON.parse(readFileSync(join(fixture, 'input.json'), 'utf8')) as { hearing: { prosecutionCases: { id: string; defendants: { id: string; offences: { id: string }[] }[] }[] } };
const meta = JSON.parse(readFileSync(join(fixture, 'meta.json'), 'utf8')) as { caseId: string; defendantId: string };
const pc = event.hearing.prosecutionCases.find((c) => c.id === meta.caseId)!;
const defendant = pc.defendants.find((d) => d.id === meta.defendantId)!;
const offenceId = defendant.offences[0]!.id;
const caseFile = { caseId: pc.id, defendants: [{ defendantId: defendant.id, offences: [{ offenceId, offenceLocation: 'at Wetherby in the County of North Yorkshire', offenceCode: 'X' }, { offenceId: 'other', offenceLocation: '  ' }] }] };

function depsWith(enrichment: EnrichmentPort, sent: string[], recorded: { outcome: string; next: string; errorCode?: string }[]): DispatchDeps {
  const notification = { id: 'n1', status: 'pending', contract: 'police-results', contractVersion: 'v1', partner: 'police', caseId: pc.id, defendantId: defendant.id, messageId: 'm-1', createdAt: new Date() };
  const transport: PartnerTransport = { send: async (m) => (sent.push(m.payload), { kind: 'success', ackRef: 'ACK-1' }) } as PartnerTransport;
  return {
    store: {
      claim: async () => ({ notification, payload: event, attemptNo: 1 }),
      recordAttempt: async (_id: string, a: { outcome: string; errorCode?: string }, next: string) => void recorded.push({ outcome: a.outcome, next, ...(a.errorCode ? { errorCode: a.errorCode } : {}) }),
    } as unknown as DispatchDeps['store'],
    control: { hold: async () => false, escalateOnce: async () => false },
    registry: { has: () => true, get: () => policeV1 as OutboundAdapter } as unknown as ContractRegistry,
    transportFor: () => transport,
    breakerFor: () => new PartnerBreaker('police', { failuresToOpen: 100, halfOpenAfterMs: 1000 }),
    settingsFor: () => ({}),
    maxAgeMsFor: () => 86_400_000,
    enrichment,
  };
}

describe('enrichment port: prosecution case file → LocationOfOffence', () => {
  let sim: NestFastifyApplication;
  let base: string;
  beforeAll(async () => {
    sim = await createSimulatorsApp({ logLevel: 'silent' });
    await sim.listen(0, '127.0.0.1');
    base = (await sim.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => sim.close());

  it('the simulator serves case files at the real stub path; 404 for a case it does not hold', async () => {
    const http = new HttpEnrichmentAdapter({ sources: () => ({ 'prosecution-case-file': `${base}${CASE_FILE_QUERY_PATH}` }) });
    expect(await http.resolve('police', [{ kind: 'prosecution-case-file', key: 'no-such-case' }])).toEqual({ ok: true, enrichment: { 'prosecution-case-file': null } });
    const loaded = await fetch(`${base}/prosecutioncasefile-service/_files`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caseFile) });
    expect(loaded.status).toBe(201);
    expect(await http.resolve('police', [{ kind: 'prosecution-case-file', key: pc.id }])).toEqual({ ok: true, enrichment: { 'prosecution-case-file': caseFile } });
  });

  it('dispatch resolves it and sends LocationOfOffence for the offence the case file locates', async () => {
    const http = new HttpEnrichmentAdapter({ sources: () => ({ 'prosecution-case-file': `${base}${CASE_FILE_QUERY_PATH}` }) });
    const sent: string[] = [];
    const recorded: { outcome: string; next: string }[] = [];
    const result = await dispatchNotification(depsWith(http, sent, recorded), 'n1', { made: 0, max: 3 }, 'police');
    expect(result).toEqual({ kind: 'acknowledged', ackRef: 'ACK-1' });
    expect(sent[0]).toContain('LocationOfOffence&amp;gt;at Wetherby in the County of North Yorkshire&amp;lt;/LocationOfOffence');
  });

  it('an unreachable case file service is a transport fault: retried, then parked ENRICHMENT.UNRESOLVED, nothing sent', async () => {
    const down = new HttpEnrichmentAdapter({ sources: () => ({ 'prosecution-case-file': 'http://127.0.0.1:1/cases' }), timeoutMs: 500 });
    const sent: string[] = [];
    const recorded: { outcome: string; next: string; errorCode?: string }[] = [];
    const deps = depsWith(down, sent, recorded);
    expect(await dispatchNotification(deps, 'n1', { made: 0, max: 2 }, 'police')).toMatchObject({ kind: 'retry', code: 'ENRICHMENT.UNAVAILABLE' });
    expect(await dispatchNotification(deps, 'n1', { made: 1, max: 2 }, 'police')).toEqual({ kind: 'parked', code: 'ENRICHMENT.UNRESOLVED', failureClass: 'transport' });
    expect(recorded).toEqual([
      { outcome: 'transport', next: 'retrying', errorCode: 'ENRICHMENT.UNAVAILABLE' },
      { outcome: 'transport', next: 'parked', errorCode: 'ENRICHMENT.UNRESOLVED' },
    ]);
    expect(sent).toEqual([]);
  });

  it('a server error from the source is unresolved too (not "no case file")', async () => {
    const server = createServer((_req, res) => res.writeHead(503).end('busy'));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    const failing: EnrichmentPort = new HttpEnrichmentAdapter({ sources: () => ({ 'prosecution-case-file': `http://127.0.0.1:${port}/cases` }) });
    const r = await failing.resolve('police', [{ kind: 'prosecution-case-file', key: 'x' }]);
    await new Promise((ok) => server.close(ok));
    expect(r).toMatchObject({ ok: false, code: 'ENRICHMENT.UNAVAILABLE' });
    expect(!r.ok && r.message).toContain('HTTP 503');
  });

  it('a partner with no source configured maps without the enrichment (no call made)', async () => {
    const none = new HttpEnrichmentAdapter({ sources: () => ({}) });
    expect(await none.resolve('police', [{ kind: 'prosecution-case-file', key: pc.id }])).toEqual({ ok: true, enrichment: {} });
  });
});
