import { deterministicId } from '../../../libs/domain/src/ids/deterministic-id.js';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import type { NewCaseMessageWire, SpiAddressWire, SpiDefendantWire, SpiIndividualWire, SpiOffenceWire, SpiOfficerWire, SpiPersonNameWire, SpiRouting } from './wire.js';

type Json = Record<string, unknown>;

/** The Common Platform command one accepted SPI new-case message becomes (stored as the event payload). */
export interface SpiNewCaseCommand {
  readonly type: 'spi.new-case';
  readonly contract: 'spi-inbound@v1';
  readonly correlationId: string;
  readonly requestId: string;
  readonly sourceSystem: string;
  /** Schema findings tolerated on the way in (facet-level only; see README). */
  readonly warnings: readonly Problem[];
  /** The prosecution case in the shape the platform's SPI staging context produces (SingleDefendantSingeOffence.json). */
  readonly prosecutionCase: Json;
}

/** Drop undefined values so absent elements are absent keys, as in the platform's JSON. */
function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const num = (v: string | undefined): number | undefined => (v === undefined || v.trim() === '' || Number.isNaN(Number(v)) ? undefined : Number(v));

/** TP-IN-002 */
export function cpTime(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/.exec(v.trim());
  if (!m) return v;
  return `${m[1]}:${m[2]}:${m[3]}.${(m[4] ?? '').padEnd(3, '0').slice(0, 3)}`;
}

/** TP-IN-004 */
function address(a: SpiAddressWire | undefined): Json | undefined {
  if (!a) return undefined;
  return compact({
    saon: a.SAON,
    paon: a.PAON,
    streetDescription: a.StreetDescription,
    uniqueStreetReferenceNumber: a.UniqueStreetReferenceNumber,
    locality: a.Locality,
    town: a.Town,
    administrativeArea: a.AdministrativeArea,
    postTown: a.PostTown,
    postcode: a.PostCode,
  });
}

function personName(n: SpiPersonNameWire | undefined): Json | undefined {
  if (!n) return undefined;
  return compact({
    personTitle: n.PersonTitle,
    personGivenName1: n.PersonGivenName1,
    personGivenName2: n.PersonGivenName2,
    personGivenName3: n.PersonGivenName3,
    personFamilyName: n.PersonFamilyName,
  });
}

/** TP-IN-003 */
function officer(o: SpiOfficerWire | undefined): Json | undefined {
  if (!o) return undefined;
  return compact({
    officerName: personName(o.OfficerName),
    policeOfficerRank: o.PoliceOfficerRank,
    policeWorkerReferenceNumber: o.PoliceWorkerReferenceNumber,
    policeWorkerLocationCode: o.PoliceWorkerLocationCode,
    structuredAddress: address(o.StructuredAddress),
    telephoneNumberBusiness: o.TelephoneNumberBusiness,
    telephoneNumberMobile: o.TelephoneNumberMobile,
    faxNumber: o.FAXnumber,
    emailAddress1: o.EmailAddress1,
    emailAddress2: o.EmailAddress2,
  });
}

/** TP-IN-006 */
export function observedEthnicity(v: string | undefined): number | undefined {
  const n = num(v);
  return n === 9 ? 0 : n;
}

/** TP-IN-005 */
function individual(i: SpiIndividualWire | undefined): Json | undefined {
  if (!i) return undefined;
  const b = i.BasePersonDetails;
  return compact({
    personDefendant: compact({
      bailConditions: i.BailConditions,
      pncIdentifier: i.PNCidentifier,
      basePersonDetails: b
        ? compact({
            personName: personName(b.PersonName),
            telephoneNumberBusiness: b.TelephoneNumberBusiness,
            telephoneNumberHome: b.TelephoneNumberHome,
            telephoneNumberMobile: b.TelephoneNumberMobile,
            emailAddress1: b.EmailAddress1,
            emailAddress2: b.EmailAddress2,
            birthDate: b.Birthdate,
            gender: num(b.Gender),
          })
        : undefined,
    }),
    perceivedBirthYear: i.PerceivedBirthYear,
    address: address(i.Address),
    observedEthnicity: observedEthnicity(i.ObservedEthnicity),
    selfDefinedEthnicity: i.SelfDefinedEthnicity,
    occupationCode: i.OccupationCode,
    occupation: i.Occupation,
    croNumber: i.CROnumber,
    custodyStatus: i.CustodyStatus,
    documentationLanguage: i.DocumentationLanguage,
    hearingLanguage: i.HearingLanguage,
    driverNumber: i.DriverNumber,
    driverLicenceCode: i.DriverLicenceCode,
    driverLicenceIssue: i.DriverLicenceIssue,
    alias: i.Alias.map((a) => personName(a) ?? {}),
  });
}

/** TP-IN-007 (+ TP-IN-002 for the start/end times) */
function offence(o: SpiOffenceWire): Json {
  return compact({
    prosecutionFacts: o.ProsecutionFacts,
    otherPartyVictim: [],
    baseOffenceDetails: compact({
      offenceSequenceNumber: num(o.OffenceSequenceNumber),
      offenceCode: o.OffenceCode,
      offenceWording: o.OffenceWording,
      offenceDateCode: num(o.OffenceDateCode),
      offenceDateStartDate: o.OffenceDateStartDate,
      offenceStartTime: cpTime(o.OffenceStartTime),
      offenceDateEndDate: o.OffenceEndDate,
      offenceEndTime: cpTime(o.OffenceEndTime),
      chargeDate: o.ChargeDate,
      arrestDate: o.ArrestDate,
      locationOfOffence: o.LocationOfOffence,
    }),
  });
}

function defendant(d: SpiDefendantWire, routing: SpiRouting): Json {
  return compact({
    // TP-IN-008
    id: deterministicId(`spi-inbound|${routing.correlationId}|${d.ProsecutorReference ?? ''}`),
    prosecutorReference: d.ProsecutorReference,
    policeIndividualDefendant: individual(d.PoliceIndividualDefendant),
    // TP-IN-009
    policeCorporateDefendant: d.PoliceCorporateDefendant
      ? compact({ organisationName: d.PoliceCorporateDefendant.OrganisationName, address: address(d.PoliceCorporateDefendant.Address) })
      : undefined,
    offence: d.Offence.map(offence),
  });
}

/** wire → command; pure. Problems only for what the XSD cannot guarantee. */
export function toDomain(wire: NewCaseMessageWire, routing: SpiRouting, warnings: readonly Problem[] = []): { ok: true; command: SpiNewCaseCommand } | { ok: false; problems: readonly Problem[] } {
  const problems: Problem[] = [];
  if (!wire.PTIURN?.trim()) problems.push(problem('SPI.MISSING_PTIURN', '/NewCaseMessage/Case/PTIURN', 'PTIURN is required'));
  if (wire.Defendant.length === 0) problems.push(problem('SPI.NO_DEFENDANTS', '/NewCaseMessage/Case/Defendant', 'a new case needs at least one defendant'));
  wire.Defendant.forEach((d, i) => {
    if (d.Offence.length === 0) problems.push(problem('SPI.NO_OFFENCES', `/NewCaseMessage/Case/Defendant[${i + 1}]/Offence`, 'a defendant needs at least one offence'));
  });
  if (problems.length) return { ok: false, problems };
  const prosecutionCase = compact({
    // TP-IN-001 (+ TP-IN-002 for the hearing time)
    caseDetails: compact({
      ptiurn: wire.PTIURN,
      originatingOrganisation: wire.OriginatingOrganisation,
      caseInitiationCode: wire.CaseInitiation,
      cpSorganisation: wire.CPSorganisation,
      initialHearing: compact({ courtHearingLocation: wire.CourtHearingLocation, dateOfHearing: wire.DateOfHearing, timeOfHearing: cpTime(wire.TimeOfHearing) }),
      vehicleOperatorLicenceNumber: wire.VehicleOperatorLicenceNumber,
      policeSystemId: routing.sourceSystem,
    }),
    otherPartyOfficerInCase: officer(wire.OtherPartyOfficerInCase),
    defendants: wire.Defendant.map((d) => defendant(d, routing)),
  });
  return {
    ok: true,
    command: { type: 'spi.new-case', contract: 'spi-inbound@v1', correlationId: routing.correlationId, requestId: routing.requestId, sourceSystem: routing.sourceSystem, warnings, prosecutionCase },
  };
}
