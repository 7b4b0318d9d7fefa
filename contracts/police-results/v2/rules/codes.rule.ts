import { problem } from '../../../../libs/domain/src/errors/problem.js';
import type { Offence } from '../../../../libs/domain/src/model/index.js';
import { rule } from './mapping-rule.js';

/**
 * Plea status codes from the platform's reference data (plea-types: pleaValue → pleaStatusCode),
 * as served to the platform's SPI adapter in its own integration tests.
 */
export const PLEA_STATUS_CODES: Readonly<Record<string, string>> = {
  GUILTY: '1',
  GUILTY_SINGLE_JUSTICE_PROCEDURE: '6',
  INDICATED_GUILTY: '1',
  ADMITS_BREACH: '1',
  NOT_GUILTY: '2',
  UNFIT_TO_PLEAD: '3',
  CONSENTS: '7',
  AUTREFOIS_ACQUIT: '3',
  AUTREFOIS_CONVICT: '3',
};
const NO_PLEA_TAKEN = '3';

export const pleaCode = rule<Offence, string>(
  'TP-021',
  'plea (or an indicated GUILTY plea) → Plea status code; none → 3 (no plea taken)',
  (offence, problems, path) => {
    const value = offence.plea?.pleaValue || (offence.indicatedPlea?.indicatedPleaValue === 'INDICATED_GUILTY' ? 'INDICATED_GUILTY' : undefined);
    if (!value) return NO_PLEA_TAKEN;
    const code = PLEA_STATUS_CODES[value];
    if (code === undefined) {
      // The platform's adapter fails the message on a plea its reference data does not know.
      problems.push(problem('CONTRACT.UNKNOWN_CODE', `${path}.plea.pleaValue`, `plea value "${value}" has no SPI plea status code`));
      return NO_PLEA_TAKEN;
    }
    return code === '0' ? NO_PLEA_TAKEN : code;
  },
);

const GENDER: Readonly<Record<string, string>> = { NOT_KNOWN: '0', MALE: '1', FEMALE: '2', NOT_SPECIFIED: '9' };

export const genderCode = rule<string | undefined, string>('TP-011', 'gender MALE/FEMALE/NOT_KNOWN/NOT_SPECIFIED → 1/2/0/9 (anything else 9)', (gender) =>
  GENDER[(gender ?? '').toUpperCase()] ?? '9',
);

export const vehicleCode = rule<string | undefined, string | undefined>(
  'TP-022',
  'offence facts vehicle code → L (large goods or passenger carrying) / O (other)',
  (code) => (code === 'LARGE_GOODS_VEHICLE' || code === 'PASSENGER_CARRYING_VEHICLE' ? 'L' : code === 'OTHER' ? 'O' : undefined),
);
