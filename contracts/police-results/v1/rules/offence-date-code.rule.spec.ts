import type { Offence } from '../../../../libs/domain/src/model/index.js';
import type { Problem } from '../../../../libs/domain/src/errors/problem.js';
import { offenceDateCode } from './offence.rule.js';

const offence = (o: Partial<Offence>): Offence => ({ id: 'o1', offenceCode: 'TH68010', startDate: '2026-11-01', ...o }) as Offence;

describe('TP-042 offence date code', () => {
  it('keeps the code the platform sent', () => {
    expect(offenceDateCode.apply(offence({ offenceDateCode: 5 }), [], '$')).toBe('5');
  });
  it('derives 1 (on or in) from a single date and 4 (between) from a date range', () => {
    expect(offenceDateCode.apply(offence({}), [], '$')).toBe('1');
    expect(offenceDateCode.apply(offence({ endDate: '2026-11-01' }), [], '$')).toBe('1');
    expect(offenceDateCode.apply(offence({ endDate: '2026-11-03' }), [], '$')).toBe('4');
  });
  it('reports a coded problem when there is nothing to derive it from', () => {
    const problems: Problem[] = [];
    expect(offenceDateCode.apply(offence({ startDate: undefined as unknown as string }), problems, '$.o')).toBe('');
    expect(problems).toEqual([expect.objectContaining({ code: 'PAYLOAD.MISSING_FIELD', path: '$.o.offenceDateCode' })]);
  });
});
