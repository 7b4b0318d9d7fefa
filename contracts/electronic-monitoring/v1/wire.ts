/**
 * The EM contractor's (Serco FMS) JSON, field for field as the real create-an-order service sends
 * it (fixtures/em-create-order expected_fms_*.json). Names are the contractor's, snake_case, with
 * its spellings (`notifying_organization`). Dates are local "yyyy-MM-dd HH:mm:ss" or "yyyy-MM-dd".
 */

/** Two data-dictionary layouts exist in the real outputs: DDV5 adds fields to both documents. */
export type DataDictionaryLayout = 'DDV4' | 'DDV5';

export interface FmsEnforceableCondition {
  readonly condition: string;
  readonly start_date: string;
  readonly end_date: string;
}

export interface FmsZone {
  readonly description: string;
  readonly duration: string | null;
  readonly start: string;
  readonly end: string;
}

type S = string;

export interface FmsDeviceWearer {
  title: S; first_name: S; middle_name: S; last_name: S; alias: S | null; date_of_birth: S; adult_child: S; sex: S;
  gender_identity: S; disability: unknown[];
  address_1: S; address_2: S; address_3: S; address_4: S; address_post_code: S;
  no_fixed_address?: S;
  secondary_address_1: S; secondary_address_2: S; secondary_address_3: S; secondary_address_4: S; secondary_address_post_code: S;
  tertiary_address_1?: S; tertiary_address_2?: S; tertiary_address_3?: S; tertiary_address_4?: S; tertiary_address_post_code?: S;
  phone_number: S; risk_serious_harm: S; risk_self_harm: S; risk_details: S | null; mappa: S | null; mappa_case_type: S | null;
  mappa_category?: S | null;
  risk_categories: unknown[]; responsible_adult_required: S; parent: S; guardian: S;
  parent_address_1: S; parent_address_2: S; parent_address_3: S; parent_address_4: S; parent_address_post_code: S;
  parent_phone_number: S | null; parent_dob: S; pnc_id: S | null; nomis_id: S | null; delius_id: S | null; prison_number: S | null;
  home_office_case_reference_number?: S; cepr?: S;
  interpreter_required: S | null; language: S | null;
}

export interface FmsMonitoringOrder {
  case_id: S; allday_lockdown: S; atv_allowance: S; condition_type: S; court: S; court_order_email: S; device_type: S;
  device_wearer: S; enforceable_condition: FmsEnforceableCondition[]; exclusion_allday: S; interim_court_date: S;
  issuing_organisation: S; media_interest: S; new_order_received: S; notifying_officer_email: S; notifying_officer_name: S;
  notifying_organization: S; no_post_code: S; no_address_1: S; no_address_2: S; no_address_3: S; no_address_4: S;
  no_email: S; no_name: S; no_phone_number: S; offence: S; offence_additional_details?: S; offence_date: S;
  order_end: S; order_id: S; order_request_type: S; order_start: S; order_type: S; order_type_description: S;
  order_type_detail: S; order_variation_date: S; order_variation_details: S; order_variation_req_received_date: S;
  order_variation_type: S; pdu_responsible: S; pdu_responsible_email: S; planned_order_end_date: S;
  released_under_prarr: S; responsible_officer_details_received: S; responsible_officer_email: S; responsible_officer_phone: S;
  responsible_officer_name: S; responsible_organization: S; ro_post_code: S; ro_address_1: S; ro_address_2: S;
  ro_address_3: S; ro_address_4: S; ro_email: S; ro_phone: S; ro_region: S; sentence_date: S; sentence_expiry: S;
  sentence_type: S; tag_at_source: S; tag_at_source_details: S; date_and_time_installation_will_take_place?: S;
  technical_bail: S; trial_date: S; trial_outcome: S; conditional_release_date: S | null;
  conditional_release_start_time?: S; conditional_release_end_time?: S; reason_for_order_ending_early: S;
  business_unit: S; service_end_date: S; curfew_description: S; curfew_start: S; curfew_end: S; curfew_duration: unknown[];
  trail_monitoring: S; exclusion_zones: FmsZone[]; inclusion_zones: FmsZone[]; abstinence: S; schedule: S;
  checkin_schedule: unknown[]; revocation_date: S; revocation_type: S; installation_address_1: S; installation_address_2: S;
  installation_address_3: S; installation_address_4: S; installation_address_post_code: S;
  crown_court_case_reference_number: S; magistrate_court_case_reference_number: S; issp: S; hdc: S; order_status: S;
  pilot?: S; subcategory?: S; dapol_missed_in_error?: S; ac_eligible_offences?: unknown[]; install_at_source_pilot?: S;
  dapo_order_clause_numbers?: unknown[]; offences?: unknown[];
}

/** What one notification carries: the person to tag and the order to monitor them under. */
export interface EmOrderNotification {
  readonly layout: DataDictionaryLayout;
  readonly deviceWearer: FmsDeviceWearer;
  readonly order: FmsMonitoringOrder;
}
