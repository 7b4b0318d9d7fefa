import { problem } from '../../../../libs/domain/src/errors/problem.js';
import type { JudicialResult } from '../../../../libs/domain/src/model/index.js';
import type { CourtResult, Duration, NextHearing, Outcome } from '../wire.js';
import { resultAmountSterling } from './amount-sterling.rule.js';
import { addToDate, toDateAndTime, toXsDate } from './cp-dates.rule.js';
import { left, rule } from './mapping-rule.js';

const RESULT_TEXT_MAX = 2500;
const NEXT_HEARING_REASON_MAX = 80;
const DURATION_LIMIT = 999;
const MAX_QUALIFIERS = 4;

interface ResultInput {
  readonly result: JudicialResult;
  /** yyyy-MM-dd of the hearing, the start of durations too long for the wire's 3 digits. */
  readonly hearingDate: string;
}

export const nextHearing = rule<JudicialResult, NextHearing | undefined>(
  'TP-032',
  'next hearing with a court and a listed start → NextHearing (reason cut to 80, post-hearing custody status as offence bail status)',
  (r, problems, path) => {
    const nh = r.nextHearing;
    if (!nh?.courtCentre || !nh.listedStartDateTime) return undefined;
    const when = toDateAndTime.apply(nh.listedStartDateTime, problems, `${path}.nextHearing.listedStartDateTime`);
    if (!when) return undefined;
    return {
      details: { courtHearingLocation: nh.courtCentre.courtHearingLocation ?? nh.courtCentre.code ?? '', dateOfHearing: when.date, timeOfHearing: when.time },
      reason: nh.adjournmentReason ? left(nh.adjournmentReason, NEXT_HEARING_REASON_MAX) : undefined,
      bailStatusOffence: r.postHearingCustodyStatus,
    };
  },
);

export const duration = rule<ResultInput, Duration | undefined>(
  'TP-033',
  'duration element → Duration: values ≤ 999 as value+unit, longer ones as hearing-date start/end; start/end dates d/M/yyyy → xs:date',
  ({ result, hearingDate }, problems, path) => {
    const de = result.durationElement;
    if (!de) return undefined;
    const p = `${path}.durationElement`;
    const fits = (v: number | undefined) => v !== undefined && v !== null && v <= DURATION_LIMIT;
    let startDate = toXsDate.apply(de.durationStartDate, problems, `${p}.durationStartDate`);
    let endDate: string | undefined;
    const tooLong =
      de.primaryDurationValue !== undefined && !fits(de.primaryDurationValue)
        ? { v: de.primaryDurationValue, u: de.primaryDurationUnit }
        : de.secondaryDurationValue !== undefined && !fits(de.secondaryDurationValue)
          ? { v: de.secondaryDurationValue, u: de.secondaryDurationUnit }
          : undefined;
    if (tooLong) {
      startDate ??= hearingDate;
      endDate = addToDate(startDate, tooLong.v, tooLong.u);
    } else {
      endDate = toXsDate.apply(de.durationEndDate, problems, `${p}.durationEndDate`);
    }
    const out: Duration = {
      value: de.primaryDurationUnit && fits(de.primaryDurationValue) ? String(de.primaryDurationValue) : undefined,
      unit: de.primaryDurationUnit && fits(de.primaryDurationValue) ? de.primaryDurationUnit : undefined,
      secondaryValue: de.secondaryDurationUnit && fits(de.secondaryDurationValue) ? String(de.secondaryDurationValue) : undefined,
      secondaryUnit: de.secondaryDurationUnit && fits(de.secondaryDurationValue) ? de.secondaryDurationUnit : undefined,
      startDate,
      endDate,
    };
    return Object.values(out).some((v) => v !== undefined) ? out : undefined;
  },
);

export const outcome = rule<ResultInput, Outcome | undefined>(
  'TP-034',
  'prompts → Outcome: total penalty points, first financial imposition as amount (£ stripped, BigDecimal 2 dp rounded down, "+" before a positive amount: CourtResult + BigDecimalFormatter), duration',
  (input, problems, path) => {
    const prompts = input.result.judicialResultPrompts;
    // The platform's adapter builds an outcome only for results that carry prompts.
    if (!prompts) return undefined;
    const points = prompts.find((pr) => pr.totalPenaltyPoints !== undefined && pr.totalPenaltyPoints !== null)?.totalPenaltyPoints;
    const money = prompts.find((pr) => pr.isFinancialImposition === true)?.value;
    let amountSterling: string | undefined;
    if (money !== undefined) {
      amountSterling = resultAmountSterling(money);
      // The platform's BigDecimal would throw too: never guess an amount for the police.
      if (amountSterling === undefined) problems.push(problem('CONTRACT.MAPPING_FAILED', `${path}.judicialResultPrompts`, `financial imposition "${money}" is not an amount`));
    }
    const out: Outcome = {
      penaltyPoints: points !== undefined ? String(Math.trunc(points)) : undefined,
      amountSterling,
      duration: duration.apply(input, problems, path),
    };
    return out.penaltyPoints || out.amountSterling || out.duration ? out : undefined;
  },
);

export const qualifiers = rule<JudicialResult, string[]>(
  'TP-031',
  'result qualifier list → up to 4 ResultCodeQualifier, minus those of BOOLEAN prompts answered false/no',
  (r) => {
    if (!r.qualifier) return [];
    const off = new Set(
      (r.judicialResultPrompts ?? [])
        .filter((p) => p.qualifier && p.type === 'BOOLEAN' && ['false', 'no'].includes((p.value ?? '').toLowerCase()))
        .map((p) => p.qualifier!),
    );
    return r.qualifier
      .split(',')
      .filter((q) => q.length > 0 && !off.has(q))
      .slice(0, MAX_QUALIFIERS);
  },
);

export const courtResults = rule<ResultInput, CourtResult[]>(
  'TP-030',
  'judicial result → Result (CJS code, text cut to 2500), then one Result per numeric secondary CJS code',
  (input, problems, path) => {
    const r = input.result;
    const main: CourtResult = {
      resultCode: r.cjsCode && r.cjsCode.trim() !== '' ? r.cjsCode.trim() : undefined,
      // Text is mandatory on the wire; a result without text falls back to its label.
      resultText: left(r.resultText ?? r.label, RESULT_TEXT_MAX)!,
      qualifiers: qualifiers.apply(r, problems, path),
      nextHearing: nextHearing.apply(r, problems, path),
      outcome: outcome.apply(input, problems, path),
    };
    const secondary = (r.secondaryCJSCodes ?? [])
      .filter((s) => /^\d+$/.test(s.cjsCode ?? ''))
      .map((s): CourtResult => ({ resultCode: s.cjsCode, resultText: left(s.text ?? '', RESULT_TEXT_MAX)!, qualifiers: [] }));
    return [main, ...secondary];
  },
);

export const partnerVisible = rule<JudicialResult, boolean>(
  'TP-036',
  'results published only for NOWs are not sent to the police',
  (r) => r.publishedForNows !== true,
);
