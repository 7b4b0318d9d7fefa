import { problem, type Problem } from '../../../../libs/domain/src/errors/problem.js';
import type { ResultedCaseMessage } from '../wire.js';

/**
 * Business rules on the wire message, each a pure check returning coded problems with the path
 * of the offending element. They state the partner's limits explicitly (the XSD says the same,
 * but a coded problem parks a notification with a reason a person can act on).
 */
export interface BusinessRule {
  readonly id: string;
  readonly purpose: string;
  readonly check: (message: ResultedCaseMessage) => Problem[];
}

// XML 1.0 forbids most C0 controls; they cannot be escaped, only refused.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function* eachResult(m: ResultedCaseMessage) {
  for (const [c, kase] of m.session.cases.entries()) {
    for (const [o, offence] of kase.defendant.offences.entries()) {
      for (const [r, result] of offence.results.entries()) {
        yield { result, offence, path: `/ResultedCaseMessage/Session/Case[${c + 1}]/Defendant/Offence[${o + 1}]/Result[${r + 1}]` };
      }
    }
  }
}

export const businessRules: readonly BusinessRule[] = [
  {
    id: 'BR-001',
    purpose: 'PTIURN present and at most 11 characters',
    check: (m) =>
      m.session.cases.flatMap((c, i) =>
        !c.ptiUrn || c.ptiUrn.length > 11 ? [problem('CONTRACT.PTIURN_INVALID', `/ResultedCaseMessage/Session/Case[${i + 1}]/PTIURN`, `PTIURN "${c.ptiUrn}" must be 1–11 characters`)] : [],
      ),
  },
  {
    id: 'BR-002',
    purpose: 'result code an integer 0–9999',
    check: (m) =>
      [...eachResult(m)].flatMap(({ result, path }) =>
        result.resultCode !== undefined && !/^\d{1,4}$/.test(result.resultCode)
          ? [problem('CONTRACT.RESULT_CODE_INVALID', `${path}/ResultCode`, `result code "${result.resultCode}" must be an integer 0–9999`)]
          : [],
      ),
  },
  {
    id: 'BR-003',
    purpose: 'result text present and at most 2,500 characters',
    check: (m) =>
      [...eachResult(m)].flatMap(({ result, path }) =>
        !result.resultText || result.resultText.length > 2500
          ? [problem('CONTRACT.RESULT_TEXT_INVALID', `${path}/ResultText`, `result text must be 1–2500 characters (${result.resultText?.length ?? 0})`)]
          : [],
      ),
  },
  {
    id: 'BR-004',
    purpose: 'bail status exactly one character',
    check: (m) =>
      m.session.cases.flatMap((c, i) => {
        const d = c.defendant.individual ?? c.defendant.corporate;
        const base = `/ResultedCaseMessage/Session/Case[${i + 1}]/Defendant`;
        return d && d.bailStatus.length !== 1 ? [problem('CONTRACT.BAIL_STATUS_INVALID', `${base}/BailStatus`, `bail status "${d.bailStatus}" must be one character`)] : [];
      }),
  },
  {
    id: 'BR-005',
    purpose: 'prosecutor reference present and at most 20 characters',
    check: (m) =>
      m.session.cases.flatMap((c, i) =>
        !c.defendant.prosecutorReference || c.defendant.prosecutorReference.length > 20
          ? [problem('CONTRACT.PROSECUTOR_REFERENCE_INVALID', `/ResultedCaseMessage/Session/Case[${i + 1}]/Defendant/ProsecutorReference`, 'prosecutor reference must be 1–20 characters')]
          : [],
      ),
  },
  {
    id: 'BR-006',
    purpose: 'no characters XML 1.0 cannot carry in result text or offence wording',
    check: (m) => [
      ...[...eachResult(m)].flatMap(({ result, path }) =>
        FORBIDDEN_CHAR.test(result.resultText) ? [problem('CONTRACT.INVALID_CHARACTER', `${path}/ResultText`, 'text holds a control character XML cannot carry')] : [],
      ),
      ...m.session.cases.flatMap((c, i) =>
        c.defendant.offences.flatMap((o, j) =>
          FORBIDDEN_CHAR.test(o.base.wording)
            ? [problem('CONTRACT.INVALID_CHARACTER', `/ResultedCaseMessage/Session/Case[${i + 1}]/Defendant/Offence[${j + 1}]/BaseOffenceDetails/OffenceWording`, 'wording holds a control character XML cannot carry')]
            : [],
        ),
      ),
    ],
  },
];

export function checkBusinessRules(message: ResultedCaseMessage): Problem[] {
  return businessRules.flatMap((r) => r.check(message));
}
