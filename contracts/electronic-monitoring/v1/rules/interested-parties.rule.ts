import { traceProcess } from '../../../../libs/contracts-kit/src/catalogue/process-trace.js';
import type { JudicialResultPrompt } from '../../../../libs/domain/src/model/index.js';
import { promptValue, type RuleInfo } from './cp-values.js';
import { CP_LABELS, FMS, RESPONSIBLE_ORGANISATION } from './em-labels.js';
import type { OrderKind } from './model.js';

export const interestedPartiesRule: RuleInfo = { id: 'TP-EM-011', purpose: 'responsible officer and probation/YOT team prompts → responsible organisation, region, email' };

export interface ResponsibleOrganisation {
  readonly organisation: string;
  readonly region: string;
  readonly email: string;
}

const first = (prompts: readonly JudicialResultPrompt[], labels: readonly string[]): string | undefined =>
  labels.map((l) => promptValue(prompts, l)).find((v) => v !== undefined);

/** Upstream getResponsibleOrganisation: who the responsible officer is → the contractor's organisation; anything else ''. */
const organisationOf = (officer: string | undefined): string => RESPONSIBLE_ORGANISATION[officer ?? ''] ?? '';

/**
 * Upstream HearingEventHandler (hmpps-electronic-monitoring-create-an-order-api @ 9c698f78):
 * - bail (loadBailOrderConditions): organisation from "Responsible officer for the order"; region
 *   from "Probation / YOT to be notified organisation name"; a region with no organisation means
 *   Probation; email from the probation/YOT email, else the prison's.
 * - community (getCommunityConditionInterestedParities): organisation from "Responsible officer"
 *   (else "... for the order"); region and email from the probation team's prompts, else the
 *   youth offending team's — probation first whoever the officer is.
 * The responsible officer's own name and phone are never in the hearing: sent empty.
 */
export function responsibleOrganisation(kind: OrderKind, prompts: readonly JudicialResultPrompt[]): ResponsibleOrganisation {
  traceProcess('TP-EM-011');
  if (kind === 'bail') {
    const region = promptValue(prompts, CP_LABELS.bailProbationName) ?? '';
    const officer = organisationOf(promptValue(prompts, CP_LABELS.responsibleOfficer[1]));
    return {
      organisation: officer === '' && region !== '' ? FMS.bailResponsibleOrganisation : officer,
      region,
      email: promptValue(prompts, CP_LABELS.bailProbationEmail) ?? promptValue(prompts, CP_LABELS.prisonEmail) ?? '',
    };
  }
  return {
    organisation: organisationOf(first(prompts, CP_LABELS.responsibleOfficer)),
    region: promptValue(prompts, CP_LABELS.probationTeamName) ?? promptValue(prompts, CP_LABELS.yotName) ?? '',
    email: promptValue(prompts, CP_LABELS.probationTeamEmail) ?? promptValue(prompts, CP_LABELS.yotEmail) ?? '',
  };
}
