import type { ObligationSubject } from '../../../../libs/contracts-kit/src/adapter.js';
import type { Defendant } from '../../../../libs/domain/src/model/index.js';
import type { WireAddress, WireCourt, WirePerson } from '../wire.js';

export interface RuleInfo {
  readonly id: string;
  readonly purpose: string;
}

/** yyyy-mm-dd from a CP date or date-time; null when the value is not one. */
export function isoDay(value: string | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return m ? m[1]! : null;
}

const orNull = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v);

function addressOf(a: { address1: string; address2?: string; address3?: string; address4?: string; address5?: string; postcode?: string } | undefined): WireAddress | null {
  if (!a) return null;
  const lines = [a.address1, a.address2, a.address3, a.address4, a.address5].filter((l): l is string => !!l && l.trim() !== '');
  return { lines, postcode: orNull(a.postcode) };
}

export const offenderRule = {
  id: 'TP-PROBATION-004',
  purpose: 'person defendant → offender identity and address (PNC id, CRO number, names, date of birth, gender)',
  apply(defendant: Defendant): WirePerson | undefined {
    const p = defendant.personDefendant?.personDetails;
    if (!p) return undefined;
    return {
      defendantId: defendant.id,
      pncId: orNull(defendant.pncId),
      croNumber: orNull(defendant.croNumber),
      firstName: orNull(p.firstName),
      middleNames: orNull(p.middleName),
      lastName: p.lastName,
      dateOfBirth: isoDay(p.dateOfBirth),
      gender: orNull(p.gender),
      address: addressOf(p.address),
    };
  },
};

export const courtAndCaseRule = {
  id: 'TP-PROBATION-005',
  purpose: 'court centre, first sitting day, shared time and case URN → court, hearing and case blocks',
  apply(subject: ObligationSubject, now: string): { court: WireCourt; hearing: { id: string; date: string | null; sharedTime: string }; case: { id: string; urn: string | null } } {
    const { hearing, prosecutionCase } = subject;
    return {
      court: { code: orNull(hearing.courtCentre.code), name: orNull(hearing.courtCentre.name) },
      hearing: { id: hearing.id, date: isoDay(hearing.hearingDays?.[0]?.sittingDay), sharedTime: subject.sharedTime ?? now },
      case: { id: prosecutionCase.id, urn: orNull(prosecutionCase.prosecutionCaseIdentifier.caseURN) },
    };
  },
};
