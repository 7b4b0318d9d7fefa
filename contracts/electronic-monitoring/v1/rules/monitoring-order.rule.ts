import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { Hearing } from '../../../../libs/domain/src/model/index.js';
import type { DataDictionaryLayout, FmsEnforceableCondition, FmsMonitoringOrder, FmsZone } from '../wire.js';
import { datePart, latest, type RuleInfo } from './cp-values.js';
import { FMS } from './em-labels.js';
import type { ResponsibleOrganisation } from './interested-parties.rule.js';
import type { EmConditions, OrderClass, Zone } from './model.js';

export const enforceableConditionsRule: RuleInfo = { id: 'TP-EM-012', purpose: 'imposed conditions → enforceable conditions (curfew, zone, trail, alcohol) with their periods' };
export const orderPeriodRule: RuleInfo = { id: 'TP-EM-013', purpose: 'order start/end, service end and variation date from the conditions and the order made' };
export const monitoringOrderRule: RuleInfo = { id: 'TP-EM-014', purpose: 'order class, court and conditions → FMS monitoring order fields' };

/** Earliest of some "yyyy-MM-dd HH:mm:ss" values; '' when none is known. */
const earliest = (values: readonly string[]): string => values.filter(Boolean).reduce((a, b) => (a === '' || b < a ? b : a), '');

/**
 * Upstream MonitoringOrder.fromOrder (models/fms/MonitoringOrderForwardMapper.kt @ 9c698f78), in
 * its order: a curfew with a start date, then a trail with a start date, then one zone condition
 * spanning every zone (earliest start, latest end), then alcohol with a start date. A condition
 * without an end date is sent with end_date '' (the default end is only for CEMO orders).
 */
export function enforceableConditions(c: EmConditions): FmsEnforceableCondition[] {
  traceProcess('TP-EM-012');
  const out: FmsEnforceableCondition[] = [];
  if (c.curfew?.start) out.push({ condition: FMS.enforceable.curfew, start_date: c.curfew.start, end_date: c.curfew.end });
  if (c.trail?.start) out.push({ condition: FMS.enforceable.trail, start_date: c.trail.start, end_date: c.trail.end });
  if (c.zones.length) out.push({ condition: FMS.enforceable.zone, start_date: earliest(c.zones.map((z) => z.start)), end_date: latest(c.zones.map((z) => z.end)) });
  if (c.alcohol?.start) out.push({ condition: FMS.enforceable.alcohol, start_date: c.alcohol.start, end_date: c.alcohol.end });
  return out;
}

/**
 * Upstream OrderVersion.getMonitoringEndDate: the end the handler set (bail: the next hearing;
 * community: the curfew requirement's end, else the alcohol end) or, when that is null, the latest
 * end of any condition.
 */
export function orderEnd(explicitEnd: string, c: EmConditions): string {
  traceProcess('TP-EM-013');
  return explicitEnd || latest([c.curfew?.end ?? '', ...c.zones.map((z) => z.end), c.trail?.end ?? '', c.alcohol?.end ?? '']);
}

const fmsZone = (z: Zone): FmsZone => ({ description: z.description, duration: z.duration, start: datePart(z.start), end: datePart(z.end) });

/** "Yes" when a trail is sent, then "No" whenever zones are (upstream sets it in that order, so zones win); else blank. */
function trailFlag(c: EmConditions): string {
  if (c.zones.length) return FMS.no;
  return c.trail?.start ? FMS.yes : '';
}

export interface OrderFacts {
  readonly orderId: string;
  readonly caseId: string;
  readonly layout: DataDictionaryLayout;
  readonly hearing: Hearing;
  readonly orderClass: OrderClass;
  readonly wearerName: string;
  readonly conditions: EmConditions;
  readonly start: string;
  readonly end: string;
  /** The day the variation was made ('' for a new order). */
  readonly variationDate: string;
  readonly responsible: ResponsibleOrganisation;
}

export function monitoringOrder(f: OrderFacts): FmsMonitoringOrder {
  traceProcess('TP-EM-014');
  const c = f.conditions;
  const kind = f.orderClass.kind;
  const order: FmsMonitoringOrder = {
    case_id: f.caseId, allday_lockdown: '', atv_allowance: '',
    condition_type: FMS.conditionType[kind], court: '', court_order_email: '', device_type: '',
    device_wearer: f.wearerName, enforceable_condition: enforceableConditions(c),
    exclusion_allday: '', interim_court_date: '', issuing_organisation: '', media_interest: '', new_order_received: '',
    notifying_officer_email: '', notifying_officer_name: '',
    notifying_organization: FMS.notifyingOrganisation[f.hearing.jurisdictionType] ?? '',
    no_post_code: '', no_address_1: '', no_address_2: '', no_address_3: '', no_address_4: '', no_email: '',
    no_name: f.hearing.courtCentre.name ?? '', no_phone_number: '', offence: '', offence_date: '',
    order_end: f.end, order_id: f.orderId,
    order_request_type: f.orderClass.variation ? FMS.requestType.variation : FMS.requestType.new,
    order_start: f.start, order_type: FMS.orderType[kind], order_type_description: '', order_type_detail: '',
    order_variation_date: f.variationDate, order_variation_details: '', order_variation_req_received_date: '', order_variation_type: '',
    pdu_responsible: '', pdu_responsible_email: '', planned_order_end_date: '',
    released_under_prarr: 'false', responsible_officer_details_received: FMS.no,
    responsible_officer_email: '', responsible_officer_phone: '', responsible_officer_name: '',
    responsible_organization: f.responsible.organisation,
    ro_post_code: '', ro_address_1: '', ro_address_2: '', ro_address_3: '', ro_address_4: '',
    ro_email: f.responsible.email, ro_phone: '', ro_region: f.responsible.region,
    sentence_date: '', sentence_expiry: '', sentence_type: '', tag_at_source: '', tag_at_source_details: '',
    technical_bail: '', trial_date: '', trial_outcome: '',
    // Null (release date unknown) when a curfew is imposed, blank when no curfew applies: as the contractor receives it.
    conditional_release_date: c.curfew?.start ? null : '',
    reason_for_order_ending_early: '', business_unit: '',
    service_end_date: datePart(f.end),
    curfew_description: (c.curfew?.start && c.curfew.description) || '', curfew_start: c.curfew?.start ?? '', curfew_end: (c.curfew?.start && c.curfew.end) || '',
    curfew_duration: [],
    trail_monitoring: trailFlag(c),
    exclusion_zones: c.zones.filter((z) => z.kind === 'exclusion').map(fmsZone),
    inclusion_zones: c.zones.filter((z) => z.kind === 'inclusion').map(fmsZone),
    abstinence: c.alcohol?.start ? FMS.yes : '',
    schedule: '', checkin_schedule: [], revocation_date: '', revocation_type: '',
    installation_address_1: '', installation_address_2: '', installation_address_3: '', installation_address_4: '', installation_address_post_code: '',
    crown_court_case_reference_number: '', magistrate_court_case_reference_number: '',
    issp: FMS.no, hdc: FMS.no, order_status: FMS.notStarted,
  };
  if (f.layout === 'DDV4') return order;
  // Added to the object just built, not spread into a copy (see deviceWearer): same keys, same order.
  return Object.assign(order, {
    offence_additional_details: '', date_and_time_installation_will_take_place: '',
    conditional_release_start_time: '', conditional_release_end_time: '',
    pilot: '', subcategory: '', dapol_missed_in_error: '', ac_eligible_offences: [], install_at_source_pilot: '',
    dapo_order_clause_numbers: [], offences: [],
  });
}
