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

/**
 * Bail: the probation/YOT team to be notified is responsible (the prison's address when the
 * defendant is held until released). Community: the responsible officer names the service;
 * youth justice uses the YOT's details, otherwise the probation team's (the YOT's when the
 * court named no probation team, as happens on youth orders supervised by probation).
 */
export function responsibleOrganisation(kind: OrderKind, prompts: readonly JudicialResultPrompt[]): ResponsibleOrganisation {
  traceProcess('TP-EM-011');
  if (kind === 'bail') {
    const region = promptValue(prompts, CP_LABELS.bailProbationName) ?? '';
    return {
      organisation: region ? FMS.bailResponsibleOrganisation : '',
      region,
      email: promptValue(prompts, CP_LABELS.bailProbationEmail) ?? promptValue(prompts, CP_LABELS.prisonEmail) ?? '',
    };
  }
  const organisation = RESPONSIBLE_ORGANISATION[first(prompts, CP_LABELS.responsibleOfficer) ?? ''] ?? '';
  const yot = { region: promptValue(prompts, CP_LABELS.yotName), email: promptValue(prompts, CP_LABELS.yotEmail) };
  if (organisation === FMS.youthJusticeService) return { organisation, region: yot.region ?? '', email: yot.email ?? '' };
  return {
    organisation,
    region: promptValue(prompts, CP_LABELS.probationTeamName) ?? yot.region ?? '',
    email: promptValue(prompts, CP_LABELS.probationTeamEmail) ?? yot.email ?? '',
  };
}
