import type { Problem } from '../errors/problem.js';
import type {
  Address,
  ContactNumber,
  Defendant,
  HearingResulted,
  JudicialResult,
  Offence,
  Person,
  ProsecutionCase,
} from '../model/index.js';
import type { ReadResult } from './hearing-resulted.reader.js';
import { checkShape, type FieldSpec } from './shape-check.js';

/**
 * Reads the results context's `public.results.police-result-generated` event (one hearing, one
 * case, one defendant: the SPI view) into the platform's HearingResulted shape, so every police
 * contract maps from one domain model whichever event arrived. Pure; extra fields are tolerated.
 */

const str = (required = false): FieldSpec => ({ kind: 'string', required });
const judicialResultSpec: FieldSpec = {
  kind: 'object',
  fields: { label: str(true), orderedHearingId: str(true), orderedDate: str(true), category: str(true) },
};
const offenceSpec: FieldSpec = {
  kind: 'object',
  fields: {
    id: str(true),
    offenceSequenceNumber: { kind: 'number', required: true },
    offenceCode: str(true),
    offenceDateCode: { kind: 'number', required: true },
    wording: str(true),
    startDate: { kind: 'date', required: true },
    judicialResults: { kind: 'array', items: judicialResultSpec },
  },
};
const personSpec: FieldSpec = { kind: 'object', required: true, fields: { lastName: str(true), gender: str(true) } };
export const policeResultGeneratedShape: FieldSpec = {
  kind: 'object',
  required: true,
  fields: {
    id: str(true),
    caseId: str(true),
    urn: str(true),
    sessionDays: { kind: 'array', required: true, items: { kind: 'object', fields: { sittingDay: str(true) } } },
    courtCentreWithLJA: {
      kind: 'object',
      required: true,
      fields: {
        courtCentre: { kind: 'object', required: true, fields: { id: str(true) } },
        courtHearingLocation: str(true),
        psaCode: { kind: 'number', required: true },
      },
    },
    defendant: {
      kind: 'object',
      required: true,
      fields: {
        defendantId: str(true),
        prosecutorReference: str(true),
        offences: { kind: 'array', required: true, items: offenceSpec },
        individualDefendant: { kind: 'object', fields: { person: personSpec } },
        corporateDefendant: { kind: 'object', fields: { name: str(true) } },
        associatedPerson: { kind: 'array', items: { kind: 'object', fields: { person: personSpec, role: str(true) } } },
      },
    },
  },
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** True when the payload has the police-result-generated shape (no `hearing`, has `courtCentreWithLJA`). */
export function looksLikePoliceResultGenerated(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'courtCentreWithLJA' in json && 'defendant' in json;
}

export function readPoliceResultGenerated(json: unknown): ReadResult<HearingResulted> {
  const problems: Problem[] = checkShape(json, policeResultGeneratedShape, '$');
  if (problems.length > 0) return { ok: false, problems };
  const e = json as Json;
  const centre = e.courtCentreWithLJA as Json;
  const d = e.defendant as Json;

  const defendant: Defendant = {
    id: d.defendantId,
    prosecutionCaseId: e.caseId,
    prosecutionAuthorityReference: d.prosecutorReference,
    pncId: d.pncId,
    offences: (d.offences as Json[]).map(readOffence),
    judicialResults: (d.judicialResults as Json[] | undefined)?.map(readResult),
    personDefendant: d.individualDefendant
      ? {
          personDetails: readPerson(d.individualDefendant.person),
          bailStatus: d.individualDefendant.bailStatus,
          bailConditions: d.individualDefendant.bailConditions,
          // The SPI view names it reasonForBailConditionsOrCustody; the platform calls it bailReasons.
          bailReasons: d.individualDefendant.reasonForBailConditionsOrCustody,
          presentAtHearing: d.individualDefendant.presentAtHearing,
        }
      : undefined,
    legalEntityDefendant: d.corporateDefendant
      ? { organisation: { name: d.corporateDefendant.name, address: readAddress(d.corporateDefendant.address), contact: d.corporateDefendant.contact } }
      : undefined,
    associatedPersons: (d.associatedPerson as Json[] | undefined)?.map((a) => ({ person: readPerson(a.person), role: a.role })),
  };

  const prosecutionCase: ProsecutionCase = {
    id: e.caseId,
    // The SPI view does not say who prosecutes; the case is police-routed by construction.
    prosecutionCaseIdentifier: { prosecutionAuthorityId: '', prosecutionAuthorityCode: '', caseURN: e.urn },
    initiationCode: '',
    defendants: [defendant],
  };

  const value: HearingResulted = {
    hearing: {
      id: e.id,
      // Not carried by this event; consumers must not route on it.
      jurisdictionType: 'UNKNOWN',
      courtCentre: Object.assign({}, centre.courtCentre, { courtHearingLocation: centre.courtHearingLocation, psaCode: centre.psaCode }),
      type: {},
      hearingDays: (e.sessionDays as Json[]).map((s) => ({
        sittingDay: s.sittingDay,
        listedDurationMinutes: s.listedDurationMinutes,
        listingSequence: s.listingSequence,
      })),
      prosecutionCases: [prosecutionCase],
      defendantAttendance: Array.isArray(d.attendanceDays) ? [{ defendantId: d.defendantId, attendanceDays: d.attendanceDays }] : undefined,
    },
  };
  return { ok: true, value };
}

function readPerson(p: Json): Person {
  return {
    title: p.title,
    firstName: p.firstName,
    middleName: p.middleName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    gender: p.gender,
    nationalityCode: p.nationality,
    address: readAddress(p.address),
    contact: p.contact as ContactNumber | undefined,
  };
}

function readAddress(a: Json | undefined): Address | undefined {
  return a ? ({ ...a } as Address) : undefined;
}

function readOffence(o: Json): Offence {
  return Object.assign({}, o as Offence, { judicialResults: (o.judicialResults as Json[] | undefined)?.map(readResult) });
}

function readResult(r: Json): JudicialResult {
  // Same field names as the platform's apiJudicialResult; the flags the event may omit default to false.
  // Object.assign, not `{ ...r, flag }`: keys added after a leading spread take a slow path in this V8.
  return Object.assign({}, r as JudicialResult, {
    isAdjournmentResult: (r.isAdjournmentResult as boolean | undefined) ?? false,
    isFinancialResult: (r.isFinancialResult as boolean | undefined) ?? false,
    isConvictedResult: (r.isConvictedResult as boolean | undefined) ?? false,
    isAvailableForCourtExtract: (r.isAvailableForCourtExtract as boolean | undefined) ?? false,
  });
}
