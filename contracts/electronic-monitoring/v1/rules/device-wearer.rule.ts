import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { Defendant } from '../../../../libs/domain/src/model/index.js';
import type { DataDictionaryLayout, FmsDeviceWearer } from '../wire.js';
import type { RuleInfo } from './cp-values.js';
import { FMS } from './em-labels.js';

export const deviceWearerRule: RuleInfo = { id: 'TP-EM-002', purpose: 'defendant person details → FMS device wearer (name, birth, sex, address, phone)' };

/**
 * UK numbers in the contractor's international form without "+": 07… → 00447…; a number already
 * in +44/0044 form keeps its digits. Mobile first, as the contractor calls the wearer.
 */
export function fmsPhoneNumber(contact: { mobile?: string; home?: string; work?: string } | undefined): string {
  const raw = (contact?.mobile || contact?.home || contact?.work || '').replace(/[\s()-]/g, '');
  if (!raw) return '';
  if (raw.startsWith('+')) return `00${raw.slice(1)}`;
  if (raw.startsWith('00')) return raw;
  if (raw.startsWith('0')) return `0044${raw.slice(1)}`;
  return raw;
}

export function deviceWearer(defendant: Defendant, layout: DataDictionaryLayout): FmsDeviceWearer {
  traceProcess('TP-EM-002');
  const person = defendant.personDefendant?.personDetails;
  const address = person?.address;
  const wearer: FmsDeviceWearer = {
    // CP titles are not in the contractor's list; the real service sends none.
    title: '',
    first_name: person?.firstName ?? '',
    middle_name: person?.middleName ?? '',
    last_name: person?.lastName ?? '',
    alias: null,
    date_of_birth: person?.dateOfBirth ?? '',
    adult_child: defendant.isYouth === true ? 'child' : 'adult',
    sex: FMS.sex[person?.gender ?? ''] ?? '',
    gender_identity: '',
    disability: [],
    // address5 has no place in the contractor's four lines (town/county are lines 3-4).
    address_1: address?.address1 ?? '',
    address_2: address?.address2 ?? '',
    address_3: address?.address3 ?? '',
    address_4: address?.address4 ?? '',
    address_post_code: address?.postcode ?? '',
    secondary_address_1: '', secondary_address_2: '', secondary_address_3: '', secondary_address_4: '', secondary_address_post_code: '',
    phone_number: fmsPhoneNumber(person?.contact),
    risk_serious_harm: '', risk_self_harm: '', risk_details: null, mappa: null, mappa_case_type: null, risk_categories: [],
    responsible_adult_required: 'false', parent: '', guardian: '',
    parent_address_1: '', parent_address_2: '', parent_address_3: '', parent_address_4: '', parent_address_post_code: '',
    parent_phone_number: null, parent_dob: '',
    // Identifiers the contractor keys on are added by people downstream (PNC is not sent by the real service).
    pnc_id: null, nomis_id: null, delius_id: null, prison_number: null,
    interpreter_required: null, language: null,
  };
  if (layout === 'DDV4') return wearer;
  // Added to the object just built, not spread into a copy: V8 copies a spread of an object this
  // wide through a slow path, 35-80 us a time (BENCHMARKS.md, 26 November). Same keys, same order.
  return Object.assign(wearer, {
    no_fixed_address: address ? 'false' : 'true',
    tertiary_address_1: '', tertiary_address_2: '', tertiary_address_3: '', tertiary_address_4: '', tertiary_address_post_code: '',
    mappa_category: null,
    home_office_case_reference_number: '',
    cepr: '',
  });
}

/** "First Middle Last", the name the contractor shows on the order. */
export function wearerName(w: FmsDeviceWearer): string {
  return [w.first_name, w.middle_name, w.last_name].filter(Boolean).join(' ');
}
