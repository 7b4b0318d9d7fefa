import type { Defendant, Hearing, JudicialResult } from '../../../../libs/domain/src/model/index.js';
import { resultsOf, type LocatedResult } from '../../../../libs/domain/src/routing/prison.rule.js';
import { probationOrderOf, reportRequestOf, requirementOf } from '../../../../libs/domain/src/routing/probation.rule.js';
import type { WireOrder, WireReportRequest, WireRequirement } from '../wire.js';
import { isoDay } from './subject.rule.js';

/** Prompt labels of the order result, as the real COEW payloads print them (em-create-order). */
export const ORDER_PROMPTS = { endDate: 'End Date', supervisingCourt: 'Supervising Court', probationTeam: 'Probation team to be notified organisation name' } as const;

const promptValue = (r: JudicialResult, label: string): string | null => (r.judicialResultPrompts ?? []).find((p) => p.label === label)?.value?.trim() || null;

/** CP prints dates in prompts as dd/MM/yyyy. */
function cpDate(value: string | null): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : isoDay(value ?? undefined);
}

/** The text of a requirement after its "CODE - label" first line: what the court actually said. */
function detailOf(r: JudicialResult): string | null {
  const lines = (r.resultText ?? '').split('\n');
  const rest = (/^[A-Z0-9]+ - /.test(lines[0] ?? '') ? lines.slice(1) : lines).join('\n').trim();
  return rest ? rest.slice(0, 2500) : null;
}

export const requirementsRule = {
  id: 'TP-PROBATION-002',
  purpose: 'requirement results (CJS code or short code: unpaid work, RAR, curfew, exclusion, alcohol, whereabouts) → requirements with the court\'s wording',
  apply(results: readonly LocatedResult[]): (WireRequirement & { offenceIndex: number | undefined })[] {
    return results.flatMap(({ result: r, offenceIndex }) => {
      const type = requirementOf(r);
      return type ? [{ type, resultTypeId: r.judicialResultTypeId ?? null, resultCode: r.cjsCode ?? null, label: r.label, detail: detailOf(r), offenceIndex }] : [];
    });
  },
};

export const ordersRule = {
  id: 'TP-PROBATION-001',
  purpose: 'community / youth rehabilitation / suspended sentence / supervision default order results → orders with end date, supervising court, probation team and their offence\'s requirements',
  apply(hearing: Hearing, defendant: Defendant, base: string): WireOrder[] {
    const results = resultsOf(hearing, defendant, base);
    const requirements = requirementsRule.apply(results);
    const orders = results.flatMap((located) => {
      const order = probationOrderOf(located.result);
      return order ? [{ order, located }] : [];
    });
    return orders.map(({ order, located }, i) => {
      const r = located.result;
      const offence = located.offenceIndex === undefined ? undefined : defendant.offences[located.offenceIndex];
      // A requirement belongs to the order on its own offence; one on no ordered offence goes with the first order.
      const orderedOffences = new Set(orders.map((o) => o.located.offenceIndex));
      const mine = requirements.filter((q) => q.offenceIndex === located.offenceIndex || (i === 0 && !orderedOffences.has(q.offenceIndex)));
      return {
        kind: order.kind,
        variation: order.variation === true,
        resultTypeId: r.judicialResultTypeId ?? null,
        resultCode: r.cjsCode ?? order.cjsCode ?? null,
        label: r.label,
        offenceCode: offence?.offenceCode ?? null,
        orderedDate: isoDay(r.orderedDate) ?? r.orderedDate,
        endDate: cpDate(promptValue(r, ORDER_PROMPTS.endDate)) ?? isoDay(r.durationElement?.durationEndDate),
        supervisingCourt: promptValue(r, ORDER_PROMPTS.supervisingCourt),
        probationTeam: promptValue(r, ORDER_PROMPTS.probationTeam),
        requirements: mine.map(({ offenceIndex: _o, ...q }) => q),
      };
    });
  },
};

export const reportRequestRule = {
  id: 'TP-PROBATION-003',
  purpose: 'adjournment naming a pre-sentence report (PSR) → report request with the next hearing it is due for',
  apply(hearing: Hearing, defendant: Defendant, base: string): WireReportRequest | undefined {
    for (const located of resultsOf(hearing, defendant, base)) {
      const reason = reportRequestOf(located);
      if (!reason) continue;
      const next = located.result.nextHearing;
      return { type: 'PRE_SENTENCE_REPORT', evidence: reason.evidence, nextHearingDate: isoDay(next?.listedStartDateTime) ?? isoDay(next?.weekCommencingDate), nextHearingCourtCode: next?.courtCentre?.code ?? null };
    }
    return undefined;
  },
};
