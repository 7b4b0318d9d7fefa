import { courtHearingLocation, prosecutorReference, psaCode, ptiUrn } from '../from-domain.mapper.js';
import { genderCode, pleaCode, vehicleCode } from './codes.rule.js';
import { toDateAndTime, toXsDate } from './cp-dates.rule.js';
import { businessRules } from './business.rule.js';
import { baseOffenceDetails, courtOffence, offenceDateCode } from './offence.rule.js';
import { offenceLocations } from './offence-location.rule.js';
import { basePersonDetails, corporateDefendant, emailDetails, individualDefendant, presentFromAttendance, simpleAddress, telephoneDetails, statedNationality } from './person.rule.js';
import { pncIdentifier, restrictedString } from './restricted-string.rule.js';
import { courtResults, duration, nextHearing, outcome, partnerVisible, qualifiers } from './result.rule.js';

/** Every rule of this contract version, for `cp-bridge contract coverage` and the README. */
export const mappingRules = [
  courtHearingLocation,
  psaCode,
  ptiUrn,
  prosecutorReference,
  basePersonDetails,
  genderCode,
  telephoneDetails,
  emailDetails,
  simpleAddress,
  individualDefendant,
  corporateDefendant,
  presentFromAttendance,
  baseOffenceDetails,
  offenceLocations,
  offenceDateCode,
  pleaCode,
  vehicleCode,
  courtOffence,
  courtResults,
  qualifiers,
  nextHearing,
  duration,
  outcome,
  partnerVisible,
  restrictedString,
  pncIdentifier,
  statedNationality,
  toXsDate,
  toDateAndTime,
].map(({ id, purpose }) => ({ id, purpose }));

export const businessRuleCatalogue = businessRules.map(({ id, purpose }) => ({ id, purpose }));
