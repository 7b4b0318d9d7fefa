import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { looksLikePoliceResultGenerated, readPoliceResultGenerated } from './police-result-generated.reader.js';

// libs/domain imports nothing outside itself, so the fixtures root is resolved here, not via contracts-kit.
const root = resolve(process.cwd(), process.env.CP_BRIDGE_FIXTURES_ROOT ?? '../shared/fixtures');
const inputs = join(root, 'cp-spi-staging/results/cp-input');

const minimal = () => ({
  id: 'h1',
  caseId: 'c1',
  urn: 'URN1',
  sessionDays: [{ sittingDay: '2025-01-02T09:00:00.000Z', listedDurationMinutes: 5 }],
  courtCentreWithLJA: { courtCentre: { id: 'cc', name: 'Court' }, courtHearingLocation: 'B01LY00', psaCode: 2577 },
  defendant: {
    defendantId: 'd1',
    prosecutorReference: 'REF',
    attendanceDays: [{ day: '2025-01-02', attendanceType: 'IN_PERSON' }],
    individualDefendant: { person: { lastName: 'Jones', gender: 'MALE' }, reasonForBailConditionsOrCustody: 'why', presentAtHearing: 'Y' },
    offences: [{ id: 'o1', offenceSequenceNumber: 0, offenceCode: 'X', offenceDateCode: 1, wording: 'w', startDate: '2025-01-01' }],
  },
});

describe('readPoliceResultGenerated', () => {
  it('maps the SPI view into one hearing, one case, one defendant', () => {
    const r = readPoliceResultGenerated(minimal());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const h = r.value.hearing;
    expect(h.courtCentre).toMatchObject({ id: 'cc', courtHearingLocation: 'B01LY00', psaCode: 2577 });
    expect(h.hearingDays).toEqual([{ sittingDay: '2025-01-02T09:00:00.000Z', listedDurationMinutes: 5, listingSequence: undefined }]);
    expect(h.prosecutionCases).toHaveLength(1);
    const c = h.prosecutionCases![0]!;
    expect(c.prosecutionCaseIdentifier.caseURN).toBe('URN1');
    expect(c.defendants[0]).toMatchObject({ id: 'd1', prosecutionCaseId: 'c1', prosecutionAuthorityReference: 'REF' });
    expect(c.defendants[0]!.personDefendant).toMatchObject({ bailReasons: 'why', presentAtHearing: 'Y', personDetails: { lastName: 'Jones' } });
    expect(h.defendantAttendance).toEqual([{ defendantId: 'd1', attendanceDays: [{ day: '2025-01-02', attendanceType: 'IN_PERSON' }] }]);
  });

  it('reports each missing required field with its JSON path', () => {
    const e = minimal() as Record<string, any>;  
    delete e.urn;
    delete e.defendant.offences[0].offenceCode;
    delete e.courtCentreWithLJA.psaCode;
    const r = readPoliceResultGenerated(e);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => [p.code, p.path])).toEqual(
        expect.arrayContaining([
          ['PAYLOAD.MISSING_FIELD', '$.urn'],
          ['PAYLOAD.MISSING_FIELD', '$.defendant.offences[0].offenceCode'],
          ['PAYLOAD.MISSING_FIELD', '$.courtCentreWithLJA.psaCode'],
        ]),
      );
    }
  });

  it('recognises its shape and not a hearing-resulted payload', () => {
    expect(looksLikePoliceResultGenerated(minimal())).toBe(true);
    expect(looksLikePoliceResultGenerated({ hearing: {} })).toBe(false);
  });

  if (existsSync(inputs)) {
    it.each(readdirSync(inputs).filter((f) => f.endsWith('.json')))('reads the real event %s', (file) => {
      const r = readPoliceResultGenerated(JSON.parse(readFileSync(join(inputs, file), 'utf8')));
      expect(r.ok ? [] : r.problems).toEqual([]);
    });
  } else {
    it('skips real events because the fixtures root is absent', () => {
      console.warn(`[police-result-generated.reader] ${inputs} not found; real events not read`);
      expect(existsSync(inputs)).toBe(false);
    });
  }
});
