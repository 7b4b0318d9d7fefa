import type { MapResult, ObligationSubject } from '../../../libs/contracts-kit/src/adapter.js';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import type { JudicialResult } from '../../../libs/domain/src/model/index.js';
import { structuredMonitoringReasons } from '../../../libs/domain/src/routing/electronic-monitoring.rule.js';
import { bailCurfew, bailEnd, bailZones } from './rules/bail-conditions.rule.js';
import { alcohol, communityCurfew, communityZones, trail } from './rules/community-conditions.rule.js';
import { cpDate, fmsDateTime, promptsOf, promptValue, startOfDay } from './rules/cp-values.js';
import { dapoConditions } from './rules/dapo.rule.js';
import { deviceWearer, wearerName } from './rules/device-wearer.rule.js';
import { CP_LABELS } from './rules/em-labels.js';
import { responsibleOrganisation } from './rules/interested-parties.rule.js';
import type { EmConditions, OrderClass } from './rules/model.js';
import { monitoringOrder, orderEnd } from './rules/monitoring-order.rule.js';
import { classifyOrder } from './rules/order-class.rule.js';
import type { DataDictionaryLayout, EmOrderNotification } from './wire.js';

export interface EmMapOptions {
  /** Which data-dictionary layout the contractor is pinned to (configuration, per environment). */
  readonly layout: DataDictionaryLayout;
  /** Our id for the order: the contractor echoes it back; stable per notification for idempotency. */
  readonly orderId: string;
  /** The contractor's device-wearer id when already known (a variation); '' for a new wearer. */
  readonly caseId: string;
  /**
   * Set when the contractor was already sent an order for this defendant from an earlier share of
   * the hearing and the court's amended share changes it (ADR 0012): the order goes as a variation
   * made on `variationDate` (yyyy-MM-dd, UK), as the real service sends RCBV/SUSPVD/YROV.
   */
  readonly amendment?: { readonly variationDate: string };
}

function conditionsFor(orderClass: OrderClass, results: readonly JudicialResult[], orderStart: string): { conditions: EmConditions; bailEnd: string } {
  if (orderClass.kind === 'bail') {
    const end = bailEnd(results);
    const curfew = bailCurfew(results, end);
    // zones first: a key added after a leading spread takes a slow path in this V8 (BENCHMARKS.md).
    return { conditions: { zones: bailZones(results, end), ...(curfew ? { curfew } : {}) }, bailEnd: end };
  }
  const dapo = dapoConditions(results);
  const curfew = communityCurfew(results) ?? dapo.curfew;
  const trailPeriod = trail(results);
  const alcoholPeriod = alcohol(results, orderStart);
  return {
    conditions: {
      zones: [...communityZones(results), ...dapo.zones],
      ...(curfew ? { curfew } : {}),
      ...(trailPeriod ? { trail: trailPeriod } : {}),
      ...(alcoholPeriod ? { alcohol: alcoholPeriod } : {}),
    },
    bailEnd: '',
  };
}

/**
 * One defendant of a resulted hearing → the device wearer and monitoring order the contractor
 * needs. Only offences that carry monitoring (the routing rule's structured test) contribute,
 * so an unrelated result on another offence cannot change the order. Pure.
 */
export function mapToEmOrder(subject: ObligationSubject, options: EmMapOptions): MapResult<EmOrderNotification> {
  const { hearing, prosecutionCase, defendant } = subject;
  const c = Math.max(0, hearing.prosecutionCases?.indexOf(prosecutionCase) ?? 0);
  const path = `$.hearing.prosecutionCases[${c}].defendants[${Math.max(0, prosecutionCase.defendants.indexOf(defendant))}]`;
  const fail = (p: Problem): MapResult<EmOrderNotification> => ({ ok: false, problems: [p] });

  if (!defendant.personDefendant) return fail(problem('EM.NOT_A_PERSON', path, 'only a person can wear a monitoring device'));
  const monitored = defendant.offences.filter((o, i) => structuredMonitoringReasons(o, `${path}.offences[${i}]`).length > 0);
  if (!monitored.length) return fail(problem('EM.NOT_MONITORED', `${path}.offences`, 'no offence carries a known electronic-monitoring result or prompt'));
  const results = monitored.flatMap((o) => o.judicialResults ?? []);

  const classified = classifyOrder(results, `${path}.offences`);
  if ('code' in classified) return fail(classified);
  // An amended share of an order already sent is a variation of it, whatever its result types say.
  const orderClass: OrderClass = options.amendment ? { kind: classified.kind, variation: true } : classified;

  const prompts = promptsOf(results);
  const madeOn = startOfDay(results[0]?.orderedDate);
  const original = CP_LABELS.originalOrderDate.map((l) => cpDate(promptValue(prompts, l))).find(Boolean);
  // A varied community order still runs from when it was first made; bail variations start anew.
  const start = orderClass.kind === 'community' && orderClass.variation && original ? fmsDateTime(original) : madeOn;
  const { conditions, bailEnd: nextHearing } = conditionsFor(orderClass, results, start);
  if (!conditions.curfew && !conditions.zones.length && !conditions.trail && !conditions.alcohol) {
    return fail(problem('EM.NO_MONITORED_CONDITION', `${path}.offences`, 'monitoring is ordered but no curfew, zone, trail or alcohol condition could be read'));
  }

  const wearer = deviceWearer(defendant, options.layout);
  const order = monitoringOrder({
    orderId: options.orderId,
    caseId: options.caseId,
    layout: options.layout,
    hearing,
    orderClass,
    wearerName: wearerName(wearer),
    conditions,
    start,
    end: orderEnd(orderClass.kind, conditions, nextHearing),
    variationDate: options.amendment ? fmsDateTime(options.amendment.variationDate) : orderClass.variation ? madeOn : '',
    responsible: responsibleOrganisation(orderClass.kind, prompts),
  });
  return { ok: true, wire: { layout: options.layout, deviceWearer: wearer, order } };
}
