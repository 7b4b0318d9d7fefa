import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import { parseXmlSafely, type XmlLimits } from '../../../libs/xml/src/safe-xml-parser.js';
import type {
  NewCaseMessageWire,
  SpiAddressWire,
  SpiBasePersonWire,
  SpiDefendantWire,
  SpiIndividualWire,
  SpiOffenceWire,
  SpiOfficerWire,
  SpiPersonNameWire,
} from './wire.js';

type Node = Record<string, unknown>;

const REPEATED = new Set(['Defendant', 'Offence', 'Alias', 'OtherPartyVictim']);

/**
 * NewCaseMessage XML → wire object. The document has already passed the XSD (namespaces checked
 * there), so local names are enough; prefixes differ between senders (a:, NS2:, default).
 * Text is kept untrimmed: `          89` is what the platform expects for a BS7666 PAON.
 */
export function parseNewCaseMessage(xml: string, limits?: Partial<XmlLimits>): { ok: true; wire: NewCaseMessageWire } | { ok: false; problems: readonly Problem[] } {
  const parsed = parseXmlSafely<Node>(xml, {
    ...(limits ? { limits } : {}),
    parser: { removeNSPrefix: true, trimValues: false, isArray: (name: string) => REPEATED.has(name) },
  });
  if (!parsed.ok) return parsed;
  const root = obj(parsed.value.NewCaseMessage);
  if (!root) return { ok: false, problems: [problem('SPI.NOT_NEW_CASE', '/', 'document root is not NewCaseMessage')] };
  const c = obj(root.Case) ?? {};
  const hearing = obj(c.InitialHearing) ?? {};
  return {
    ok: true,
    wire: {
      SchemaVersion: attr(root, 'SchemaVersion'),
      PTIURN: txt(c, 'PTIURN'),
      OriginatingOrganisation: txt(c, 'OriginatingOrganisation'),
      CaseInitiation: txt(c, 'CaseInitiation'),
      CPSorganisation: txt(c, 'CPSorganisation'),
      CourtHearingLocation: txt(hearing, 'CourtHearingLocation'),
      DateOfHearing: txt(hearing, 'DateOfHearing'),
      TimeOfHearing: txt(hearing, 'TimeOfHearing'),
      VehicleOperatorLicenceNumber: txt(c, 'VehicleOperatorLicenceNumber'),
      OtherPartyOfficerInCase: officer(obj(c.OtherPartyOfficerInCase)),
      Defendant: list(c.Defendant).map(defendant),
    },
  };
}

function officer(o: Node | undefined): SpiOfficerWire | undefined {
  if (!o) return undefined;
  const tel = obj(o.TelephoneDetails) ?? {};
  const email = obj(o.EmailDetails) ?? {};
  return {
    OfficerName: personName(obj(o.OfficerName)),
    PoliceOfficerRank: txt(o, 'PoliceOfficerRank'),
    PoliceWorkerReferenceNumber: txt(o, 'PoliceWorkerReferenceNumber'),
    PoliceWorkerLocationCode: txt(o, 'PoliceWorkerLocationCode'),
    StructuredAddress: address(obj(o.StructuredAddress)),
    TelephoneNumberBusiness: txt(tel, 'TelephoneNumberBusiness'),
    TelephoneNumberMobile: txt(tel, 'TelephoneNumberMobile'),
    FAXnumber: txt(o, 'FAXnumber'),
    EmailAddress1: txt(email, 'EmailAddress1'),
    EmailAddress2: txt(email, 'EmailAddress2'),
  };
}

function defendant(d: Node): SpiDefendantWire {
  const corp = obj(d.PoliceCorporateDefendant);
  return {
    ProsecutorReference: txt(d, 'ProsecutorReference'),
    PoliceIndividualDefendant: individual(obj(d.PoliceIndividualDefendant)),
    PoliceCorporateDefendant: corp ? { OrganisationName: txt(corp, 'OrganisationName'), Address: address(obj(corp.Address)) } : undefined,
    Offence: list(d.Offence).map(offence),
  };
}

function individual(i: Node | undefined): SpiIndividualWire | undefined {
  if (!i) return undefined;
  const pd = obj(i.PersonDefendant) ?? {};
  const eth = obj(i.PersonEthnicity) ?? {};
  const lang = obj(i.LanguageOptions) ?? {};
  const driver = obj(i.DriverInformation) ?? {};
  return {
    BasePersonDetails: basePerson(obj(pd.BasePersonDetails)),
    PNCidentifier: txt(pd, 'PNCidentifier'),
    BailConditions: txt(pd, 'BailConditions'),
    PerceivedBirthYear: txt(i, 'PerceivedBirthYear'),
    Address: address(obj(i.Address)),
    ObservedEthnicity: txt(eth, 'ObservedEthnicity'),
    SelfDefinedEthnicity: txt(eth, 'SelfDefinedEthnicity'),
    OccupationCode: txt(i, 'OccupationCode'),
    Occupation: txt(i, 'Occupation'),
    CROnumber: txt(i, 'CROnumber'),
    CustodyStatus: txt(i, 'CustodyStatus'),
    DocumentationLanguage: txt(lang, 'DocumentationLanguage'),
    HearingLanguage: txt(lang, 'HearingLanguage'),
    DriverNumber: txt(driver, 'DriverNumber'),
    DriverLicenceCode: txt(driver, 'DriverLicenceCode'),
    DriverLicenceIssue: txt(driver, 'DriverLicenceIssue'),
    Alias: list(i.Alias).map((a) => personName(a) ?? {}),
  };
}

function basePerson(b: Node | undefined): SpiBasePersonWire | undefined {
  if (!b) return undefined;
  const tel = obj(b.TelephoneDetails) ?? {};
  const email = obj(b.EmailDetails) ?? {};
  return {
    PersonName: personName(obj(b.PersonName)),
    TelephoneNumberBusiness: txt(tel, 'TelephoneNumberBusiness'),
    TelephoneNumberHome: txt(tel, 'TelephoneNumberHome'),
    TelephoneNumberMobile: txt(tel, 'TelephoneNumberMobile'),
    EmailAddress1: txt(email, 'EmailAddress1'),
    EmailAddress2: txt(email, 'EmailAddress2'),
    Birthdate: txt(b, 'Birthdate'),
    Gender: txt(b, 'Gender'),
  };
}

function offence(o: Node): SpiOffenceWire {
  const base = obj(o.BaseOffenceDetails) ?? {};
  const timing = obj(base.OffenceTiming) ?? {};
  const start = obj(timing.OffenceStart) ?? {};
  const end = obj(timing.OffenceEnd) ?? {};
  return {
    OffenceSequenceNumber: txt(base, 'OffenceSequenceNumber'),
    OffenceCode: txt(base, 'OffenceCode'),
    OffenceWording: txt(base, 'OffenceWording'),
    OffenceDateCode: txt(timing, 'OffenceDateCode'),
    OffenceDateStartDate: txt(start, 'OffenceDateStartDate'),
    OffenceStartTime: txt(start, 'OffenceStartTime'),
    OffenceEndDate: txt(end, 'OffenceEndDate'),
    OffenceEndTime: txt(end, 'OffenceEndTime'),
    ChargeDate: txt(base, 'ChargeDate'),
    ArrestDate: txt(base, 'ArrestDate'),
    LocationOfOffence: txt(base, 'LocationOfOffence'),
    ProsecutionFacts: txt(o, 'ProsecutionFacts'),
    OtherPartyVictimCount: list(o.OtherPartyVictim).length,
  };
}

function personName(n: Node | undefined): SpiPersonNameWire | undefined {
  if (!n) return undefined;
  return {
    PersonTitle: txt(n, 'PersonTitle'),
    PersonGivenName1: txt(n, 'PersonGivenName1'),
    PersonGivenName2: txt(n, 'PersonGivenName2'),
    PersonGivenName3: txt(n, 'PersonGivenName3'),
    PersonFamilyName: txt(n, 'PersonFamilyName'),
  };
}

const ADDRESS_FIELDS = ['SAON', 'PAON', 'StreetDescription', 'UniqueStreetReferenceNumber', 'Locality', 'Town', 'AdministrativeArea', 'PostTown', 'PostCode'] as const;

function address(a: Node | undefined): SpiAddressWire | undefined {
  if (!a) return undefined;
  return Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, txt(a, f)]).filter(([, v]) => v !== undefined)) as SpiAddressWire;
}

/** An element with children or attributes is an object; an empty one (`<X/>`) is ''. */
function obj(v: unknown): Node | undefined {
  if (Array.isArray(v)) return obj(v[0]);
  if (v === '') return {};
  return typeof v === 'object' && v !== null ? (v as Node) : undefined;
}

function list(v: unknown): Node[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => obj(x) ?? {});
}

/** Text of a leaf child: a string, or the #text of one that carries attributes (xmlns on BS7666 fields). */
function txt(o: Node, name: string): string | undefined {
  if (!Object.hasOwn(o, name)) return undefined;
  const v = o[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const t = (v as Node)['#text'];
    return typeof t === 'string' ? t : '';
  }
  return undefined;
}

function attr(o: Node, name: string): string | undefined {
  const v = o[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}
