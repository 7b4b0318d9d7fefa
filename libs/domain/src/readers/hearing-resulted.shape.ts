import type { FieldSpec } from './shape-check.js';

/** What the bridge needs of a CP hearing-resulted payload (api/hearing-resulted.json + apiHearing*). */
const str = (required = false, maxLength?: number): FieldSpec => ({ kind: 'string', required, ...(maxLength ? { maxLength } : {}) });

const judicialResult: FieldSpec = {
  kind: 'object',
  fields: {
    label: str(true),
    cjsCode: { kind: 'cjs-code' },
    resultText: str(false, 2500),
    orderedDate: { kind: 'date' },
    judicialResultPrompts: { kind: 'array', items: { kind: 'object', fields: { label: str(true), value: str() } } },
  },
};

const offence: FieldSpec = {
  kind: 'object',
  fields: {
    id: str(true),
    offenceCode: str(true),
    startDate: { kind: 'date' },
    judicialResults: { kind: 'array', items: judicialResult },
  },
};

const defendant: FieldSpec = {
  kind: 'object',
  fields: {
    id: str(true),
    offences: { kind: 'array', required: true, items: offence },
    judicialResults: { kind: 'array', items: judicialResult },
    pncId: str(false, 20),
    personDefendant: {
      kind: 'object',
      fields: {
        personDetails: { kind: 'object', required: true, fields: { lastName: str(true), dateOfBirth: { kind: 'date' } } },
        arrestSummonsNumber: str(false, 21),
        bailStatus: { kind: 'object', fields: { code: str(true, 1) } },
      },
    },
  },
};

const prosecutionCase: FieldSpec = {
  kind: 'object',
  fields: {
    id: str(true),
    prosecutionCaseIdentifier: {
      kind: 'object',
      required: true,
      fields: { prosecutionAuthorityCode: str(true), caseURN: str(false, 30), prosecutionAuthorityOUCode: str() },
    },
    defendants: { kind: 'array', required: true, items: defendant },
  },
};

export const hearingResultedShape: FieldSpec = {
  kind: 'object',
  required: true,
  fields: {
    sharedTime: { kind: 'datetime' },
    hearing: {
      kind: 'object',
      required: true,
      fields: {
        id: str(true),
        jurisdictionType: str(true),
        courtCentre: { kind: 'object', required: true, fields: { id: str(true), code: str() } },
        hearingDays: { kind: 'array', items: { kind: 'object', fields: { sittingDay: { kind: 'datetime', required: true } } } },
        prosecutionCases: { kind: 'array', items: prosecutionCase },
      },
    },
  },
};
