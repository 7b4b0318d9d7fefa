import type { ObligationSubject } from '../../../../libs/contracts-kit/src/adapter.js';
import type { Hearing } from '../../../../libs/domain/src/model/index.js';

export interface RuleInfo {
  readonly id: string;
  readonly purpose: string;
}

type OpenHearing = Hearing & Readonly<Record<string, unknown>>;

export const defendantSliceRule = {
  id: 'TP-LAA-001',
  purpose: 'hearing → the same hearing holding only the legally aided defendant and their case (other defendants are not the agency\'s business)',
  apply(subject: ObligationSubject): OpenHearing {
    const { hearing, prosecutionCase, defendant } = subject;
    // Court applications name other parties; the LAA adaptor takes them as a separate message.
    const { courtApplications: _applications, defendantJudicialResults: _results, ...rest } = hearing as OpenHearing;
    return { ...rest, prosecutionCases: [{ ...prosecutionCase, defendants: [defendant] }] } as OpenHearing;
  },
};

export const defendantResultsRule = {
  id: 'TP-LAA-002',
  purpose: 'hearing-level defendantJudicialResults → only those keyed to the defendant\'s masterDefendantId',
  apply(subject: ObligationSubject): Hearing['defendantJudicialResults'] {
    const master = subject.defendant.masterDefendantId ?? subject.defendant.id;
    const mine = (subject.hearing.defendantJudicialResults ?? []).filter((r) => r.masterDefendantId === master);
    return mine.length ? mine : undefined;
  },
};

export const sharedTimeRule = {
  id: 'TP-LAA-003',
  purpose: 'platform sharedTime (required by the agency) → sharedTime, else the time the bridge renders the message',
  apply(subject: ObligationSubject, now: string): string {
    return subject.sharedTime ?? now;
  },
};
