import { loadSamples, variant } from '../../../cli/src/sample-traffic/sample-traffic.js';
import { ContractRegistry } from '../../../../libs/contracts-kit/src/registry.js';
import type { AcceptEventInput, NewNotification } from '../../../../libs/ledger/src/index.js';
import { amendmentStep } from './amendment.policy.js';

/** The amendment step on its own: which partner is owed what when a hearing is shared again (ADR 0012). */
describe('amendmentStep', () => {
  let step: ReturnType<typeof amendmentStep>;
  beforeAll(async () => {
    step = amendmentStep({ registry: await ContractRegistry.discover(), settingsFor: () => undefined });
  });

  const first = variant(loadSamples().find((s) => s.name.startsWith('001'))!.body, 1) as Record<string, any>;
  const pc = first.hearing.prosecutionCases[0];
  const d = pc.defendants[0];
  const notification = (partner: string, contract: string, version = 'v1', defendantId = d.id as string): NewNotification =>
    ({ id: `n-${partner}-${version}`, messageId: `n-${partner}-${version}`, partner, contract, contractVersion: version, caseId: pc.id, defendantId }) as NewNotification;
  const owed = [notification('police', 'police-results', 'v1'), notification('police', 'police-results', 'v2'), notification('electronic-monitoring', 'electronic-monitoring')];
  const amend = (edit: (b: Record<string, any>) => void, notifications = owed) => {
    const b = structuredClone(first);
    b.sharedTime = new Date(Date.parse(first.sharedTime as string) + 3_600_000).toISOString();
    edit(b);
    return step({ eventId: 'e2', payload: b, notifications } as unknown as AcceptEventInput, { id: 'e1', sharedTime: new Date(first.sharedTime as string), payload: first });
  };
  const sent = (out: AcceptEventInput) => out.notifications.map((n) => [`${n.contract}@${n.contractVersion}`, n.amendsEventId ?? null]);
  const decided = (out: AcceptEventInput) => (out.decisions ?? []).map((x) => `${x.contract}@${x.contractVersion}`);

  it('nothing changed but sharedTime → nothing sent, a no-change decision per partner and contract, linked to e1', () => {
    const out = amend(() => {});
    expect([out.supersedesEventId, sent(out), decided(out)]).toEqual(['e1', [], ['police-results@v1', 'police-results@v2', 'electronic-monitoring@v1']]);
    expect(out.decisions![0]).toMatchObject({ decision: 'no-change', caseId: pc.id, defendantId: d.id });
    expect(out.decisions![0]!.reason).toContain('e1');
  });

  it('the ASN changed → police (both versions) get a new message amending e1; the EM order did not change', () => {
    const out = amend((b) => (b.hearing.prosecutionCases[0].defendants[0].personDefendant.arrestSummonsNumber = '2601AA0100000099999Z'));
    expect([sent(out), decided(out)]).toEqual([[['police-results@v1', 'e1'], ['police-results@v2', 'e1']], ['electronic-monitoring@v1']]);
  });

  it('the name changed → every partner is sent the amendment', () => {
    const out = amend((b) => (b.hearing.prosecutionCases[0].defendants[0].personDefendant.personDetails.lastName = 'Other'));
    expect([sent(out).length, decided(out)]).toEqual([3, []]);
  });

  it('what cannot be compared is sent as a first message: a defendant new in the amendment, an unknown contract version', () => {
    const out = amend(
      (b) => (b.hearing.prosecutionCases[0].defendants[0] = { ...b.hearing.prosecutionCases[0].defendants[0], id: 'a9999999-0000-4000-8000-000000000001' }),
      [notification('police', 'police-results', 'v1', 'a9999999-0000-4000-8000-000000000001'), notification('police', 'police-results', 'v99')],
    );
    expect([sent(out), decided(out)]).toEqual([[['police-results@v1', null], ['police-results@v99', null]], []]);
  });
});
