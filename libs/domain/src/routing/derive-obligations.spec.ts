import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HearingResulted } from '../model/index.js';
import { deriveObligations } from './derive-obligations.js';
import { DEFAULT_URGENCY } from './obligation.js';

const sample = (name: string) => JSON.parse(readFileSync(join(process.cwd(), 'test/samples', name), 'utf8')) as HearingResulted;
const receivedAt = new Date('2026-11-20T16:00:00Z');

describe('deriveObligations', () => {
  it('tells the police and the EM supplier about a police case with a monitored bail curfew', () => {
    const { obligations } = deriveObligations({ event: sample('001-city-police-bail-curfew.json'), receivedAt });
    expect(obligations.map((o) => [o.partner, o.needsReview])).toEqual([
      ['police', false],
      ['electronic-monitoring', false],
    ]);
    const em = obligations.find((o) => o.partner === 'electronic-monitoring')!;
    expect(em.criticality).toBe('critical');
    // Deadlines run from when the platform shared the results, not from when we heard.
    expect(em.deadlineAt.toISOString()).toBe(new Date(Date.parse('2026-11-20T15:30:00Z') + DEFAULT_URGENCY['electronic-monitoring'].deadlineMinutes * 60_000).toISOString());
    expect(obligations.find((o) => o.partner === 'police')!.routingKey).toBe('04');
  });

  it('creates one police obligation per defendant, keyed for per-case order, and tells probation of the community order', () => {
    const { obligations } = deriveObligations({ event: sample('002-derbyshire-two-defendants.json'), receivedAt });
    const police = obligations.filter((o) => o.partner === 'police');
    expect(police).toHaveLength(2);
    expect(new Set(police.map((o) => o.orderKey)).size).toBe(2);
    expect(police.every((o) => o.orderKey.startsWith('police|'))).toBe(true);
    expect(obligations.filter((o) => o.partner === 'probation').map((o) => o.needsReview)).toEqual([false]);
  });

  it('derives prison, probation and legal-aid obligations alongside the police ones', () => {
    const { obligations } = deriveObligations({ event: sample('004-custody-community-legal-aid.json'), receivedAt });
    const partners = obligations.filter((o) => !o.needsReview).map((o) => o.partner).sort();
    expect(partners).toEqual(['legal-aid', 'police', 'police', 'police', 'prison', 'probation']);
  });

  it('records an obligation it cannot decide as needs-review, never nothing', () => {
    const { obligations } = deriveObligations({ event: sample('003-cps-without-asn.json'), receivedAt });
    expect(obligations).toHaveLength(1);
    expect(obligations[0]).toMatchObject({ partner: 'police', needsReview: true });
    expect(obligations[0]!.reviewReason).toMatch(/CPS/);
    // What the person deciding is shown: the identifiers the rule could not place, by path.
    expect(obligations[0]!.evidence).toEqual([
      { code: 'ROUTE.POLICE_UNDECIDED', path: '$.hearing.prosecutionCases[0].prosecutionCaseIdentifier.prosecutionAuthorityCode', detail: 'prosecuting authority CPS' },
      { code: 'ROUTE.POLICE_UNDECIDED', path: '$.hearing.prosecutionCases[0].prosecutionCaseIdentifier.prosecutionAuthorityOUCode', detail: 'no OU code' },
    ]);
  });

  it('excludes a non-police prosecutor on purpose, with the reason', () => {
    const event = sample('002-derbyshire-two-defendants.json');
    const tfl = { ...event, hearing: { ...event.hearing, prosecutionCases: event.hearing.prosecutionCases!.map((c) => ({ ...c, prosecutionCaseIdentifier: { ...c.prosecutionCaseIdentifier, prosecutionAuthorityCode: 'TFL', prosecutionAuthorityOUCode: 'GAFTL00' } })) } };
    const { obligations, exclusions } = deriveObligations({ event: tfl, receivedAt });
    expect(obligations.filter((o) => o.partner === 'police')).toEqual([]);
    expect(exclusions).toHaveLength(2);
    expect(exclusions[0]!.reason).toMatch(/not a police force/);
  });
});
