import type { BaseHearing, BasePersonDetails, CourtDefendant, CourtOffence, CourtResult, Email, ResultedCaseMessage, SimpleAddress } from './wire.js';
import { BS7666_NS, LIBRA_NS, SCHEMA_VERSION } from './wire.js';
import { escapeXml } from '../../../libs/xml/src/xml-text.js';

/**
 * wire → ResultedCaseMessage XML by string building (hot path; no DOM). Elements are written in
 * schema order; optional elements are omitted when undefined and written empty when '' (the
 * partner's messages carry empty BailConditions / ReasonForBailConditionsOrCustody).
 */
function el(name: string, value: string | undefined): string {
  return value === undefined || value === null ? '' : `<${name}>${escapeXml(value)}</${name}>`;
}

function wrap(name: string, inner: string): string {
  return inner === '' ? '' : `<${name}>${inner}</${name}>`;
}

function hearing(h: BaseHearing): string {
  return el('CourtHearingLocation', h.courtHearingLocation) + el('DateOfHearing', h.dateOfHearing) + el('TimeOfHearing', h.timeOfHearing);
}

function email(e: Email | undefined): string {
  return e ? wrap('EmailDetails', el('EmailAddress1', e.address1) + el('EmailAddress2', e.address2)) : '';
}

function address(a: SimpleAddress): string {
  return `<Address><SimpleAddress>${el('AddressLine1', a.line1)}${el('AddressLine2', a.line2)}${el('AddressLine3', a.line3)}${el('AddressLine4', a.line4)}${el('AddressLine5', a.line5)}</SimpleAddress></Address>`;
}

function person(p: BasePersonDetails): string {
  const n = p.name;
  const name = el('PersonTitle', n.title) + el('PersonGivenName1', n.givenName1) + el('PersonGivenName2', n.givenName2) + el('PersonGivenName3', n.givenName3) + el('PersonFamilyName', n.familyName);
  const tel = p.telephone ? wrap('TelephoneDetails', el('TelephoneNumberBusiness', p.telephone.business) + el('TelephoneNumberHome', p.telephone.home) + el('TelephoneNumberMobile', p.telephone.mobile)) : '';
  return `<BasePersonDetails><PersonName>${name}</PersonName>${tel}${email(p.email)}${el('Birthdate', p.birthdate)}${el('Gender', p.gender)}</BasePersonDetails>`;
}

function defendant(d: CourtDefendant): string {
  let out = el('ProsecutorReference', d.prosecutorReference);
  if (d.individual) {
    const i = d.individual;
    const pd = i.personDefendant;
    out += '<CourtIndividualDefendant>';
    out += `<PersonDefendant>${person(pd.basePersonDetails)}${el('PNCidentifier', pd.pncIdentifier)}${el('BailConditions', pd.bailConditions)}</PersonDefendant>`;
    out += el('BailStatus', i.bailStatus) + address(i.address) + el('PresentAtHearing', i.presentAtHearing) + el('ReasonForBailConditionsOrCustody', i.reasonForBailConditionsOrCustody);
    if (i.parentGuardian) out += `<ParentGuardianDetails>${person(i.parentGuardian.basePersonDetails)}${i.parentGuardian.address ? address(i.parentGuardian.address) : ''}</ParentGuardianDetails>`;
    out += '</CourtIndividualDefendant>';
  } else if (d.corporate) {
    const c = d.corporate;
    out += `<CourtCorporateDefendant><OrganisationName>${el('OrganisationName', c.organisationName)}</OrganisationName>${el('TelephoneNumberBusiness', c.telephoneBusiness)}${email(c.email)}${el('PNCidentifier', c.pncIdentifier)}${address(c.address)}${el('PresentAtHearing', c.presentAtHearing)}${el('BailStatus', c.bailStatus)}</CourtCorporateDefendant>`;
  }
  return out + d.offences.map(offence).join('');
}

function offence(o: CourtOffence): string {
  const b = o.base;
  const timing =
    `<OffenceTiming>${el('OffenceDateCode', b.dateCode)}<OffenceStart>${el('OffenceDateStartDate', b.startDate)}</OffenceStart>` +
    (b.endDate ? `<OffenceEnd>${el('OffenceEndDate', b.endDate)}</OffenceEnd>` : '') +
    '</OffenceTiming>';
  const base =
    el('OffenceSequenceNumber', b.sequenceNumber) + el('OffenceCode', b.offenceCode) + el('OffenceWording', b.wording) + timing +
    el('ChargeDate', b.chargeDate) + el('ArrestDate', b.arrestDate) + el('LocationOfOffence', b.locationOfOffence) +
    (b.alcohol ? `<AlcoholRelatedOffence>${el('AlcoholLevelAmount', b.alcohol.amount)}${el('AlcoholLevelMethod', b.alcohol.method)}</AlcoholRelatedOffence>` : '') +
    (b.vehicle ? wrap('VehicleRelatedOffence', el('VehicleCode', b.vehicle.code) + el('VehicleRegistrationMark', b.vehicle.registrationMark)) : '');
  return (
    `<Offence><BaseOffenceDetails>${base}</BaseOffenceDetails>${el('InitiatedDate', o.initiatedDate)}${el('Plea', o.plea)}${el('ModeOfTrial', o.modeOfTrial)}` +
    `${el('FinalDisposalIndicator', o.finalDisposalIndicator)}${el('ConvictionDate', o.convictionDate)}${el('ConvictingCourt', o.convictingCourt)}${el('Finding', o.finding)}` +
    `${o.results.map(result).join('')}</Offence>`
  );
}

function result(r: CourtResult): string {
  let out = el('ResultCode', r.resultCode) + el('ResultText', r.resultText) + r.qualifiers.map((q) => el('ResultCodeQualifier', q)).join('');
  if (r.nextHearing) {
    const n = r.nextHearing;
    out += `<NextHearing><NextHearingDetails>${hearing(n.details)}</NextHearingDetails>${el('NextHearingReason', n.reason)}${el('BailStatusOffence', n.bailStatusOffence)}</NextHearing>`;
  }
  if (r.outcome) {
    const o = r.outcome;
    const d = o.duration;
    const duration = d
      ? wrap('Duration', el('DurationValue', d.value) + el('DurationUnit', d.unit) + el('SecondaryDurationValue', d.secondaryValue) + el('SecondaryDurationUnit', d.secondaryUnit) + el('DurationStartDate', d.startDate) + el('DurationEndDate', d.endDate))
      : '';
    out += wrap('Outcome', el('PenaltyPoints', o.penaltyPoints) + el('ResultAmountSterling', o.amountSterling) + duration);
  }
  return `<Result>${out}</Result>`;
}

export function serializeResultedCaseMessage(m: ResultedCaseMessage): string {
  const s = m.session;
  return (
    `<ResultedCaseMessage Flow="ResultedCasesForThePolice" Interface="LibraStandardProsecutorPolice" SchemaVersion="${SCHEMA_VERSION}" xmlns="${LIBRA_NS}" xmlns:ns2="${BS7666_NS}">` +
    `<Session><CourtHearing><Hearing>${hearing(s.courtHearing.hearing)}</Hearing>${el('PSAcode', s.courtHearing.psaCode)}</CourtHearing>` +
    s.cases.map((c) => `<Case>${el('PTIURN', c.ptiUrn)}<Defendant>${defendant(c.defendant)}</Defendant></Case>`).join('') +
    '</Session></ResultedCaseMessage>'
  );
}
