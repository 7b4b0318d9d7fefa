import type { Address, ContactNumber, Defendant, Hearing, Person } from '../../../../libs/domain/src/model/index.js';
import type { BasePersonDetails, CourtCorporateDefendant, CourtIndividualDefendant, Email, SimpleAddress, Telephone } from '../wire.js';
import { toXsDate } from './cp-dates.rule.js';
import { genderCode } from './codes.rule.js';
import { left, rule } from './mapping-rule.js';
import { pncIdentifier, restrictedString } from './restricted-string.rule.js';

const NAME_MAX = 35;
const BAIL_CONDITIONS_MAX = 2500;
const BAIL_STATUS_NOT_APPLICABLE = 'A';

const blankToUndefined = (v: string | undefined): string | undefined => (v === undefined || v === null || v.trim() === '' ? undefined : v.trim());
// Fold to the schema's character set first, then cut to length (folding can lengthen: Æ → AE).
const text = (v: string | undefined, max: number): string | undefined => left(restrictedString.apply(v, [], ''), max);

export const simpleAddress = rule<Address | undefined, SimpleAddress>(
  'TP-014',
  'address → SimpleAddress: lines cut to 35, blank lines 2–4 dropped, postcode (else address5) as line 5',
  (a) => ({
    line1: text(a?.address1 ?? '', NAME_MAX)!,
    line2: blankToUndefined(text(a?.address2, NAME_MAX)),
    line3: blankToUndefined(text(a?.address3, NAME_MAX)),
    line4: blankToUndefined(text(a?.address4, NAME_MAX)),
    line5: blankToUndefined(text(a?.postcode ?? a?.address5, NAME_MAX)),
  }),
);

export const emailDetails = rule<ContactNumber | undefined, Email | undefined>(
  'TP-013',
  'contact e-mails → EmailDetails (secondary alone becomes address 1)',
  (c) => {
    const primary = blankToUndefined(c?.primaryEmail);
    const secondary = blankToUndefined(c?.secondaryEmail);
    if (!primary && !secondary) return undefined;
    return primary ? { address1: primary, address2: secondary } : { address1: secondary! };
  },
);

export const telephoneDetails = rule<ContactNumber | undefined, Telephone | undefined>(
  'TP-012',
  'contact numbers → TelephoneDetails (work → business, home, mobile) when any is present',
  (c) => (c && (c.work || c.home || c.mobile) ? { business: c.work || undefined, home: c.home || undefined, mobile: c.mobile || undefined } : undefined),
);

export const basePersonDetails = rule<Person, BasePersonDetails>(
  'TP-010',
  'person → BasePersonDetails: names cut to 35, DOB only when known, coded gender',
  (p, problems, path) => ({
    name: {
      title: restrictedString.apply(p.title, problems, `${path}.title`),
      givenName1: text(p.firstName, NAME_MAX),
      givenName2: text(p.middleName, NAME_MAX),
      familyName: text(p.lastName, NAME_MAX)!,
    },
    telephone: telephoneDetails.apply(p.contact, problems, `${path}.contact`),
    email: emailDetails.apply(p.contact, problems, `${path}.contact`),
    birthdate: toXsDate.apply(p.dateOfBirth, problems, `${path}.dateOfBirth`),
    gender: genderCode.apply(p.gender, problems, `${path}.gender`),
  }),
);

/** Attendance → T/F as the platform's adapter derives PresentAtHearing when it is not given. */
export const presentFromAttendance = rule<{ hearing: Hearing; defendant: Defendant }, string>(
  'TP-017',
  'attendance days → PresentAtHearing T (any day not NOT_PRESENT) / F',
  ({ hearing, defendant }) => {
    const days = hearing.defendantAttendance?.find((a) => a.defendantId === defendant.id)?.attendanceDays ?? [];
    return days.some((d) => d.attendanceType !== 'NOT_PRESENT') ? 'T' : 'F';
  },
);

export const individualDefendant = rule<{ hearing: Hearing; defendant: Defendant }, CourtIndividualDefendant | undefined>(
  'TP-015',
  'person defendant → CourtIndividualDefendant: bail status code (none → A), bail conditions cut to 2500 without a trailing ";"',
  (subject, problems, path) => {
    const pd = subject.defendant.personDefendant;
    if (!pd) return undefined;
    const conditions = pd.bailConditions === undefined || pd.bailConditions === null ? undefined : left(pd.bailConditions, BAIL_CONDITIONS_MAX)!.replace(/;$/, '');
    const guardian = subject.defendant.associatedPersons?.find((a) => a.role?.toLowerCase() === 'parentguardian');
    return {
      personDefendant: {
        basePersonDetails: basePersonDetails.apply(pd.personDetails, problems, `${path}.personDefendant.personDetails`),
        pncIdentifier: pncIdentifier.apply(subject.defendant.pncId, problems, `${path}.pncId`),
        personStatedNationality: statedNationality.apply(pd.personDetails.nationalityCode, problems, `${path}.personDefendant.personDetails.nationalityCode`),
        bailConditions: conditions,
      },
      bailStatus: pd.bailStatus?.code || BAIL_STATUS_NOT_APPLICABLE,
      address: simpleAddress.apply(pd.personDetails.address, problems, `${path}.personDefendant.personDetails.address`),
      presentAtHearing: pd.presentAtHearing ?? presentFromAttendance.apply(subject, problems, path),
      reasonForBailConditionsOrCustody: pd.bailReasons,
      parentGuardian: guardian
        ? {
            basePersonDetails: basePersonDetails.apply(guardian.person, problems, `${path}.associatedPersons.person`),
            address: guardian.person.address ? simpleAddress.apply(guardian.person.address, problems, `${path}.associatedPersons.person.address`) : undefined,
          }
        : undefined,
    };
  },
);

export const corporateDefendant = rule<{ hearing: Hearing; defendant: Defendant }, CourtCorporateDefendant | undefined>(
  'TP-016',
  'organisation defendant → CourtCorporateDefendant (bail status always A)',
  (subject, problems, path) => {
    const org = subject.defendant.legalEntityDefendant?.organisation;
    if (!org) return undefined;
    return {
      organisationName: restrictedString.apply(org.name, problems, `${path}.legalEntityDefendant.organisation.name`)!,
      telephoneBusiness: org.contact?.work || undefined,
      email: emailDetails.apply(org.contact, problems, `${path}.legalEntityDefendant.organisation.contact`),
      pncIdentifier: pncIdentifier.apply(subject.defendant.pncId, problems, `${path}.pncId`),
      address: simpleAddress.apply(org.address, problems, `${path}.legalEntityDefendant.organisation.address`),
      presentAtHearing: presentFromAttendance.apply(subject, problems, path),
      bailStatus: BAIL_STATUS_NOT_APPLICABLE,
    };
  },
);

/**
 * v2 (see README): the police asked for the defendant's stated nationality, which the schema has
 * always allowed and v1 never sent. Only an ISO alpha-3 code fits the XSD's 3 characters; anything
 * else is left out rather than cut, since a truncated country name would be a wrong nationality.
 */
export const statedNationality = rule<string | undefined, string | undefined>(
  'TP-041',
  'person nationality code (ISO 3166 alpha-3) → PersonStatedNationality; other values omitted',
  (value) => (value && /^[A-Z]{3}$/.test(value.trim().toUpperCase()) ? value.trim().toUpperCase() : undefined),
);
