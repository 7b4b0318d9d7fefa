import type { HearingResulted } from '../model/index.js';
import { detectMonitoring } from './electronic-monitoring.rule.js';
import type { Criticality, Evidence, Exclusion, Obligation, Partner, UrgencyTable } from './obligation.js';
import { DEFAULT_URGENCY } from './obligation.js';
import { decideLegalAid } from './legal-aid.rule.js';
import type { PartnerDecision } from './partner-decision.js';
import { decidePolice } from './police.rule.js';
import { decidePrison } from './prison.rule.js';
import { decideProbation } from './probation.rule.js';

export interface RoutingInput {
  readonly event: HearingResulted;
  /** When the bridge received the event; deadlines run from sharedTime when given, else from this. */
  readonly receivedAt: Date;
  readonly urgency?: UrgencyTable;
}

export interface RoutingResult {
  readonly obligations: readonly Obligation[];
  readonly exclusions: readonly Exclusion[];
}

/**
 * The pure routing rules: which partners must be told what about each defendant. A rule that
 * cannot decide still yields an obligation (flagged needs-review): nothing is dropped silently,
 * and every deliberate non-notification is returned as an exclusion with its reason.
 */
export function deriveObligations(input: RoutingInput): RoutingResult {
  const urgency = input.urgency ?? DEFAULT_URGENCY;
  const anchor = input.event.sharedTime ? new Date(input.event.sharedTime) : input.receivedAt;
  const start = Number.isNaN(anchor.getTime()) ? input.receivedAt : anchor;
  const obligations: Obligation[] = [];
  const exclusions: Exclusion[] = [];
  const hearing = input.event.hearing;

  const make = (partner: Partner, base: { caseId: string; caseUrn?: string; defendantId: string }, extra: { needsReview: boolean; reviewReason?: string; routingKey?: string; criticality?: Criticality; evidence: readonly Evidence[] }): Obligation => {
    const policy = urgency[partner];
    return {
      partner,
      ...base,
      ...extra,
      criticality: extra.criticality ?? policy.criticality,
      deadlineAt: new Date(start.getTime() + policy.deadlineMinutes * 60_000),
      orderKey: `${partner}|${base.caseId}|${base.defendantId}`,
    };
  };

  (hearing.prosecutionCases ?? []).forEach((prosecutionCase, ci) => {
    prosecutionCase.defendants.forEach((defendant, di) => {
      const path = `$.hearing.prosecutionCases[${ci}]`;
      const base = { caseId: prosecutionCase.id, caseUrn: prosecutionCase.prosecutionCaseIdentifier.caseURN, defendantId: defendant.id };

      const police = decidePolice(prosecutionCase, defendant, path);
      if (police.decision === 'police') {
        // A defendant taken into custody is urgent for the police too: critical, not just high.
        const custody = defendant.personDefendant?.bailStatus?.code === 'C';
        obligations.push(make('police', base, { needsReview: false, routingKey: police.forceCode, evidence: police.evidence, ...(custody ? { criticality: 'critical' as const } : {}) }));
      } else if (police.decision === 'undecided') {
        obligations.push(make('police', base, { needsReview: true, reviewReason: police.reason, evidence: police.evidence }));
      } else {
        exclusions.push({ partner: 'police', caseId: base.caseId, defendantId: base.defendantId, reason: police.reason });
      }

      const em = detectMonitoring(hearing, prosecutionCase, defendant);
      const evidence = em.reasons.map((r) => ({ code: r.code, path: r.path || `${path}.defendants[${di}]`, detail: r.evidence }));
      if (em.decision === 'required') {
        obligations.push(make('electronic-monitoring', base, { needsReview: false, evidence }));
      } else if (em.decision === 'possible') {
        obligations.push(make('electronic-monitoring', base, { needsReview: true, reviewReason: 'results may impose electronic monitoring: confirm', evidence }));
      } else if (em.decision === 'ignored') {
        exclusions.push({ partner: 'electronic-monitoring', caseId: base.caseId, defendantId: base.defendantId, reason: em.reasons.map((r) => r.evidence).join('; ') || 'ignored' });
      }

      const others: [Partner, PartnerDecision, string][] = [
        ['prison', decidePrison(hearing, prosecutionCase, defendant), 'outcome may affect custody (e.g. a release): confirm'],
        ['probation', decideProbation(hearing, prosecutionCase, defendant), 'a probation order or report request may have been made: confirm'],
        ['legal-aid', decideLegalAid(hearing, prosecutionCase, defendant), 'defendant may be legally aided: confirm'],
      ];
      for (const [partner, decided, review] of others) {
        if (decided.decision === 'none') continue;
        const ev = decided.reasons.map((r) => ({ code: r.code, path: r.path, detail: r.evidence }));
        obligations.push(make(partner, base, decided.decision === 'required' ? { needsReview: false, evidence: ev } : { needsReview: true, reviewReason: review, evidence: ev }));
      }
    });
  });
  return { obligations, exclusions };
}
