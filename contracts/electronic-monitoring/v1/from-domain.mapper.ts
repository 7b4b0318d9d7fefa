import type { MapResult, ObligationSubject } from '../../../libs/contracts-kit/src/adapter.js';
import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import type { JudicialResult, JudicialResultPrompt, Offence } from '../../../libs/domain/src/model/index.js';
import { structuredMonitoringReasons } from '../../../libs/domain/src/routing/electronic-monitoring.rule.js';
import { bailCurfew, bailEnd, bailZones } from './rules/bail-conditions.rule.js';
import { alcohol, communityCurfew, communityExclusionZone, communityInclusionZone, trail } from './rules/community-conditions.rule.js';
import { cpDate, fmsDateTime, promptsOf, promptValue, startOfDay } from './rules/cp-values.js';
import { dapoCurfew, dapoZones } from './rules/dapo.rule.js';
import { deviceWearer, wearerName } from './rules/device-wearer.rule.js';
import { CP_LABELS } from './rules/em-labels.js';
import { responsibleOrganisation } from './rules/interested-parties.rule.js';
import type { EmConditions, OrderClass, Zone } from './rules/model.js';
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

/**
 * The defendant's offences in a canonical order (orderIndex, then id), so a payload listing the
 * same offences in another order yields the same order document. Upstream reads them in payload
 * order; CP lists them by orderIndex, so the two agree on real payloads.
 */
export function canonicalOffences(offences: readonly Offence[]): Offence[] {
  const rank = (o: Offence): number => o.orderIndex ?? Number.MAX_SAFE_INTEGER;
  return [...offences].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The conditions and the end the upstream handler sets explicitly (monitoringConditions.endDate; '' for null). */
function conditionsFor(orderClass: OrderClass, results: readonly JudicialResult[], prompts: readonly JudicialResultPrompt[], orderedDate: string | undefined): { conditions: EmConditions; explicitEnd: string } {
  if (orderClass.kind === 'bail') {
    // Upstream loadBailOrderConditions.
    const end = bailEnd(prompts);
    const curfew = bailCurfew(results, end);
    return { conditions: { zones: bailZones(results, end), ...(curfew ? { curfew } : {}) }, explicitEnd: end };
  }
  // Upstream loadCommunityOrderConditions, in its order: alcohol, exclusion, DAPO prohibitions, inclusion, trail, curfew, DAPO curfew.
  const alcoholPeriod = alcohol(results, prompts, orderedDate);
  const zones: Zone[] = [communityExclusionZone(results, prompts), ...dapoZones(results), communityInclusionZone(results, prompts)].filter((z): z is Zone => z !== undefined);
  const trailPeriod = trail(results, prompts);
  const requirementCurfew = communityCurfew(results, prompts);
  const curfew = dapoCurfew(results) ?? requirementCurfew;
  return {
    conditions: {
      zones,
      ...(curfew ? { curfew } : {}),
      ...(trailPeriod ? { trail: trailPeriod } : {}),
      ...(alcoholPeriod ? { alcohol: alcoholPeriod } : {}),
    },
    explicitEnd: requirementCurfew ? requirementCurfew.end : (alcoholPeriod?.end ?? ''),
  };
}

/**
 * One defendant of a resulted hearing → the device wearer and monitoring order the contractor
 * needs: upstream HearingEventHandler.getOrderForDefendant (hmpps-electronic-monitoring-create-an-order-api
 * @ 9c698f78). The defendant is mapped when any of their offences is an England and Wales EM
 * request, from the results of ALL their offences and nothing of any other defendant. Pure.
 */
export function mapToEmOrder(subject: ObligationSubject, options: EmMapOptions): MapResult<EmOrderNotification> {
  const { hearing, prosecutionCase, defendant } = subject;
  const c = Math.max(0, hearing.prosecutionCases?.indexOf(prosecutionCase) ?? 0);
  const path = `$.hearing.prosecutionCases[${c}].defendants[${Math.max(0, prosecutionCase.defendants.indexOf(defendant))}]`;
  const fail = (p: Problem): MapResult<EmOrderNotification> => ({ ok: false, problems: [p] });

  // Upstream would send an order with an empty wearer; an organisation cannot wear a device (routing ignores it).
  if (!defendant.personDefendant) return fail(problem('EM.NOT_A_PERSON', path, 'only a person can wear a monitoring device'));
  const offences = canonicalOffences(defendant.offences);
  if (!offences.some((o) => structuredMonitoringReasons(o, path).length > 0)) return fail(problem('EM.NOT_MONITORED', `${path}.offences`, 'no offence carries a known electronic-monitoring result or prompt'));
  const results = offences.flatMap((o) => o.judicialResults ?? []);

  const classified = classifyOrder(results, `${path}.offences`);
  if ('code' in classified) return fail(classified);
  // An amended share of an order already sent is a variation of it, whatever its result types say.
  const orderClass: OrderClass = options.amendment ? { kind: classified.kind, variation: true } : classified;

  const prompts = promptsOf(results);
  const orderedDate = results[0]?.orderedDate;
  const madeOn = startOfDay(orderedDate);
  const { conditions, explicitEnd } = conditionsFor(orderClass, results, prompts, orderedDate);
  // A variation runs from the date the original order was made when the court restates it (bail or community).
  const original = orderClass.variation ? CP_LABELS.originalOrderDate.map((l) => promptValue(prompts, l)).find((v) => v !== undefined) : undefined;
  const start = original !== undefined ? fmsDateTime(cpDate(original)) : madeOn;

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
    end: orderEnd(explicitEnd, conditions),
    variationDate: options.amendment ? fmsDateTime(options.amendment.variationDate) : orderClass.variation ? madeOn : '',
    responsible: responsibleOrganisation(orderClass.kind, prompts),
  });
  return { ok: true, wire: { layout: options.layout, deviceWearer: wearer, order } };
}
