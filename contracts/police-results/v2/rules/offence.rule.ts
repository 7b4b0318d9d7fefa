import { problem } from '../../../../libs/domain/src/errors/problem.js';
import type { Offence } from '../../../../libs/domain/src/model/index.js';
import type { BaseOffenceDetails, CourtOffence } from '../wire.js';
import { toXsDate } from './cp-dates.rule.js';
import { pleaCode, vehicleCode } from './codes.rule.js';
import { rule } from './mapping-rule.js';
import { courtResults, partnerVisible } from './result.rule.js';

interface OffenceInput {
  readonly offence: Offence;
  readonly hearingDate: string;
  readonly psaCode: string;
  /** Offence locations from the prosecution case file (enrichment), by offence id. */
  readonly locations?: ReadonlyMap<string, string>;
}

/**
 * The hearing-resulted payload rarely carries offenceDateCode (1 of 26 real payloads does); the
 * results context derives it from the dates. Libra codes: 1 "on or in", 4 "between".
 */
export const offenceDateCode = rule<Offence, string>('TP-042', 'offence date code, else derived: 4 (between) when an end date differs from the start, 1 (on or in) otherwise', (o, problems, path) => {
  if (o.offenceDateCode !== undefined && o.offenceDateCode !== null) return String(o.offenceDateCode);
  if (!o.startDate) {
    problems.push(problem('PAYLOAD.MISSING_FIELD', `${path}.offenceDateCode`, 'offence date code is required when the offence has no start date'));
    return '';
  }
  return o.endDate && o.endDate !== o.startDate ? '4' : '1';
});

export const baseOffenceDetails = rule<Offence, BaseOffenceDetails>(
  'TP-020',
  'offence → BaseOffenceDetails: sequence number zero-padded to 3, timing from start/end dates, vehicle facts',
  (o, problems, path) => {
    const seq = o.offenceSequenceNumber ?? o.orderIndex;
    if (seq === undefined || seq === null) problems.push(problem('PAYLOAD.MISSING_FIELD', `${path}.offenceSequenceNumber`, 'offence sequence number is required'));
    const dateCode = offenceDateCode.apply(o, problems, path);
    const facts = o.offenceFacts;
    const vehicle = facts?.vehicleCode || facts?.vehicleRegistration ? { code: vehicleCode.apply(facts.vehicleCode, problems, path), registrationMark: facts.vehicleRegistration } : undefined;
    return {
      sequenceNumber: String(seq ?? 0).padStart(3, '0'),
      offenceCode: o.offenceCode,
      wording: o.wording ?? '',
      dateCode: dateCode,
      startDate: toXsDate.apply(o.startDate, problems, `${path}.startDate`) ?? '',
      endDate: toXsDate.apply(o.endDate, problems, `${path}.endDate`),
      chargeDate: toXsDate.apply(o.chargeDate, problems, `${path}.chargeDate`),
      arrestDate: toXsDate.apply(o.arrestDate, problems, `${path}.arrestDate`),
      alcohol:
        facts?.alcoholReadingAmount !== undefined && facts.alcoholReadingMethodCode
          ? { amount: String(facts.alcoholReadingAmount), method: facts.alcoholReadingMethodCode }
          : undefined,
      vehicle,
    };
  },
);

/** CourtOffence.buildBaseOffenceDetailsStructure: LocationOfOffence only for an offence the case file locates. */
const withLocation = (base: BaseOffenceDetails, location: string | undefined): BaseOffenceDetails => (location === undefined ? base : { ...base, locationOfOffence: location });

export const courtOffence = rule<OffenceInput, CourtOffence | undefined>(
  'TP-023',
  'resulted offence → Offence: initiated = start date, plea code, mode of trial, final disposal, conviction date + convicting court (PSA)',
  ({ offence: o, hearingDate, psaCode, locations }, problems, path) => {
    const results = (o.judicialResults ?? [])
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => partnerVisible.apply(r, problems, path))
      .flatMap(({ r, i }) => courtResults.apply({ result: r, hearingDate }, problems, `${path}.judicialResults[${i}]`));
    // An offence with nothing the police may see is not sent (the wire needs at least one Result).
    if (results.length === 0) return undefined;
    const convictionDate = toXsDate.apply(o.convictionDate, problems, `${path}.convictionDate`);
    const mot = o.allocationDecision?.motReasonCode;
    return {
      base: withLocation(baseOffenceDetails.apply(o, problems, path), locations?.get(o.id)),
      initiatedDate: toXsDate.apply(o.startDate, problems, `${path}.startDate`) ?? '',
      plea: pleaCode.apply(o, problems, path),
      modeOfTrial: mot && /^\d+$/.test(mot) ? String(Number(mot)) : undefined,
      // CP's hearing view has no finalDisposal flag; a concluded offence is a final disposal.
      finalDisposalIndicator: o.finalDisposal ?? (o.proceedingsConcluded ? 'Y' : 'N'),
      convictionDate,
      convictingCourt: convictionDate ? psaCode : undefined,
      finding: o.finding,
      results,
    };
  },
);
