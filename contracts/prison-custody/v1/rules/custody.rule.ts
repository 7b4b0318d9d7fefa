import type { Defendant, Hearing, JudicialResult } from '../../../../libs/domain/src/model/index.js';
import { custodyResultOf, custodyStatusOf, resultsOf } from '../../../../libs/domain/src/routing/prison.rule.js';
import type { CustodyEventType, CustodyOutcome } from '../wire.js';
import { isoDay } from './subject.rule.js';

function nextHearingOf(r: JudicialResult): CustodyOutcome['nextHearing'] {
  const next = r.nextHearing;
  if (!next) return null;
  return { date: isoDay(next.listedStartDateTime) ?? isoDay(next.weekCommencingDate), courtCode: next.courtCentre?.code ?? null };
}

function sentenceLengthOf(r: JudicialResult): CustodyOutcome['sentenceLength'] {
  const d = r.durationElement;
  return d?.primaryDurationValue && d.primaryDurationUnit ? { value: d.primaryDurationValue, unit: d.primaryDurationUnit } : null;
}

export const custodyOutcomesRule = {
  id: 'TP-PRISON-001',
  purpose: 'custody results (type id, CJS code, post-hearing custody status C/P) → one outcome per result, with offence, length and next hearing',
  apply(hearing: Hearing, defendant: Defendant, base: string): CustodyOutcome[] {
    const out: CustodyOutcome[] = [];
    for (const { result: r, offenceIndex } of resultsOf(hearing, defendant, base)) {
      const entry = custodyResultOf(r);
      const status = custodyStatusOf(r);
      if (!entry && !status) continue;
      // A custody status without a known result: a final result is a sentence, anything else holds on remand.
      const kind = entry && entry.kind !== 'release' ? entry.kind : r.category === 'FINAL' ? 'sentence' : 'remand';
      const offence = offenceIndex === undefined ? undefined : defendant.offences[offenceIndex];
      out.push({
        kind,
        offenceCode: offence?.offenceCode ?? null,
        offenceTitle: offence?.offenceTitle ?? null,
        resultTypeId: r.judicialResultTypeId ?? null,
        resultCode: r.cjsCode ?? null,
        resultLabel: r.label,
        custodyStatus: status ?? null,
        orderedDate: isoDay(r.orderedDate) ?? r.orderedDate,
        sentenceLength: kind === 'sentence' ? sentenceLengthOf(r) : null,
        nextHearing: nextHearingOf(r),
      });
    }
    return out;
  },
};

export const eventTypeRule = {
  id: 'TP-PRISON-002',
  purpose: 'custody outcomes → one event type, the weightiest: sentence over committal over remand',
  apply(outcomes: readonly CustodyOutcome[]): CustodyEventType | undefined {
    if (outcomes.some((o) => o.kind === 'sentence')) return 'CUSTODIAL_SENTENCE';
    if (outcomes.some((o) => o.kind === 'committal')) return 'COMMITTAL_IN_CUSTODY';
    return outcomes.length ? 'REMAND_IN_CUSTODY' : undefined;
  },
};
