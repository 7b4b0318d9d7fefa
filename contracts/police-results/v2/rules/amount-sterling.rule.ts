/**
 * ResultAmountSterling as the platform writes it. Upstream (hmcts/cpp-context-staging-prosecutors-spi
 * @ c02d92c1): `CourtResult.buildOutcomeStructure` takes the first prompt with isFinancialImposition,
 * strips one leading "£", reads it as a java.math.BigDecimal and sets scale 2 with ROUND_DOWN
 * (truncation toward zero); the JAXB binding (stagingprosecutorsspi-cjse-schema binding.xjb) prints
 * it with `BigDecimalFormatter.printBigDecimal`: a positive amount gets a leading "+" ("+10.00"),
 * zero and negative amounts are printed as they are ("0.00", "-12.34").
 * Exact decimal arithmetic on the digits: no binary floating point touches the amount.
 */

/** BigDecimal's accepted syntax: sign, digits with an optional point (one side may be empty), optional exponent. */
const BIG_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** `new BigDecimal(text).setScale(2, ROUND_DOWN).toString()`, or undefined where BigDecimal would throw. */
export function bigDecimalScale2RoundDown(text: string): string | undefined {
  const m = BIG_DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign, intPart = '', fracPart = '', exp = '0'] = m;
  if (intPart === '' && fracPart === '') return undefined;
  const shift = Number(exp);
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 10_000) return undefined;
  // The unscaled digits with the point moved by the exponent: value = digits × 10^(pointAt - digits.length).
  const digits = intPart + fracPart;
  const pointAt = intPart.length + shift;
  const whole = pointAt <= 0 ? '0' : pointAt >= digits.length ? digits + '0'.repeat(pointAt - digits.length) : digits.slice(0, pointAt);
  const cents = pointAt <= 0 ? ('0'.repeat(-pointAt) + digits).slice(0, 2) : digits.slice(Math.max(pointAt, 0), pointAt + 2);
  const wholeTrimmed = whole.replace(/^0+(?=\d)/, '');
  const body = `${wholeTrimmed}.${cents.padEnd(2, '0')}`;
  const zero = /^0\.00$/.test(body);
  return sign === '-' && !zero ? `-${body}` : body;
}

/** BigDecimalFormatter.printBigDecimal: "+" before a positive amount. */
export function printBigDecimal(scaled: string): string {
  return /^-|^0\.00$/.test(scaled) ? scaled : `+${scaled}`;
}

/** Thousands grouped with commas ("1,250.55"): read as the digits they group. */
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * The prompt value as the platform sends it: "£" stripped, BigDecimal, 2 dp rounded down, printed
 * with its sign; undefined when not a number. Deliberate deviation: upstream's BigDecimal throws
 * on thousands separators ("£1,250.55") and the message is never sent; we read well-formed
 * grouping rather than leave the police without the result (README, deliberate deviations).
 */
export function resultAmountSterling(value: string): string | undefined {
  const amount = value.startsWith('£') ? value.slice(1) : value;
  const scaled = bigDecimalScale2RoundDown(GROUPED.test(amount) ? amount.replace(/,/g, '') : amount);
  return scaled === undefined ? undefined : printBigDecimal(scaled);
}
