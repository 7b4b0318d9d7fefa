import { bigDecimalScale2RoundDown, resultAmountSterling } from './amount-sterling.rule.js';

describe('ResultAmountSterling (CourtResult.buildOutcomeStructure + BigDecimalFormatter.printBigDecimal)', () => {
  it.each([
    ['10.00', '+10.00'],
    ['£10', '+10.00'],
    ['1250.559', '+1250.55'],
    ['0.29', '+0.29'],
    ['0', '0.00'],
    ['0.009', '0.00'],
    ['-12.345', '-12.34'],
    ['+7.5', '+7.50'],
    ['.5', '+0.50'],
    ['5.', '+5.00'],
    ['1e3', '+1000.00'],
    ['1.239E1', '+12.39'],
    ['123456789012345678.999', '+123456789012345678.99'],
    ['00012.3', '+12.30'],
    ['£1,250.559', '+1250.55'],
    ['-1,000', '-1000.00'],
  ])('%s → %s', (value, expected) => {
    expect(resultAmountSterling(value)).toBe(expected);
  });

  it.each(['1,00', '12,34.5', ' 10', '£', 'ten', '£-', '1e', '--1'])('%j is not a BigDecimal (the platform fails the message)', (value) => {
    expect(resultAmountSterling(value)).toBeUndefined();
  });

  it('truncates toward zero, never rounds (ROUND_DOWN)', () => {
    expect(bigDecimalScale2RoundDown('2.999')).toBe('2.99');
    expect(bigDecimalScale2RoundDown('-2.999')).toBe('-2.99');
    expect(bigDecimalScale2RoundDown('-0.001')).toBe('0.00');
  });
});
