import { problem } from '../../../../libs/domain/src/errors/problem.js';
import { rule } from './mapping-rule.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?/;

/** CP dates are yyyy-mm-dd, except duration prompts which carry d/M/yyyy; the wire wants xs:date. */
export const toXsDate = rule<string | undefined, string | undefined>('TP-090', 'CP date (yyyy-mm-dd or d/M/yyyy) → xs:date yyyy-MM-dd', (value, problems, path) => {
  if (value === undefined || value === null || value === '') return undefined;
  if (ISO_DATE.test(value)) return value;
  const uk = UK_DATE.exec(value);
  if (uk) return `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
  problems.push(problem('CONTRACT.MAPPING_FAILED', path, `unrecognised date "${value}"`));
  return undefined;
});

/**
 * A CP date-time (e.g. 2020-05-26T09:00:00.000Z) → the wire's date and time, keeping the wall-clock
 * value as written (the platform's adapter drops zone and milliseconds without converting).
 */
export const toDateAndTime = rule<string | undefined, { date: string; time: string } | undefined>(
  'TP-091',
  'CP date-time → DateOfHearing + TimeOfHearing (zone and milliseconds dropped, no conversion)',
  (value, problems, path) => {
    const m = value ? DATE_TIME.exec(value) : null;
    if (!m) {
      problems.push(problem(value ? 'CONTRACT.MAPPING_FAILED' : 'PAYLOAD.MISSING_FIELD', path, value ? `unrecognised date-time "${value}"` : 'date-time is required'));
      return undefined;
    }
    return { date: m[1]!, time: `${m[2]}:${m[3] ?? '00'}` };
  },
);

export function addToDate(isoDate: string, amount: number, unit: string | undefined): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  switch (unit) {
    case 'W':
      d.setUTCDate(d.getUTCDate() + 7 * amount);
      break;
    case 'M':
      d.setUTCMonth(d.getUTCMonth() + amount);
      break;
    case 'Y':
      d.setUTCFullYear(d.getUTCFullYear() + amount);
      break;
    default:
      d.setUTCDate(d.getUTCDate() + amount);
  }
  return d.toISOString().slice(0, 10);
}
