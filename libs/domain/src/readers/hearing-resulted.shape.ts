import type { FieldSpec } from './shape-check.js';

/** What the bridge needs of a CP hearing-resulted payload (api/hearing-resulted.json + apiHearing*). */
const str = (required = false, maxLength?: number): FieldSpec => ({ kind: 'string', required, ...(maxLength ? { maxLength } : {}) });

/**
 * The shape with its ids as `id` gives them: the platform door checks the ids the CP schemas type
 * as UUIDs (apiCourtsDefinitions#/definitions/uuid: hearing, court centre, case, defendant and its
 * master/case ids, offence, result line); offline reading (golden tests, `map`, replays) keeps them
 * plain strings, since some real test payloads carry placeholders there (`%new_offence_id%`).
 */
function hearingShape(id: (required: boolean) => FieldSpec): FieldSpec {
  const judicialResult: FieldSpec = {
    kind: 'object',
    fields: {
      label: str(true),
      cjsCode: { kind: 'cjs-code' },
      resultText: str(false, 2500),
      orderedDate: { kind: 'date' },
      judicialResultId: id(false),
      judicialResultPrompts: { kind: 'array', items: { kind: 'object', fields: { label: str(true), value: str() } } },
    },
  };

  const offence: FieldSpec = {
    kind: 'object',
    fields: {
      id: id(true),
      offenceCode: str(true),
      startDate: { kind: 'date' },
      judicialResults: { kind: 'array', items: judicialResult },
    },
  };

  const defendant: FieldSpec = {
    kind: 'object',
    fields: {
      id: id(true),
      masterDefendantId: id(false),
      prosecutionCaseId: id(false),
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
      id: id(true),
      prosecutionCaseIdentifier: {
        kind: 'object',
        required: true,
        fields: { prosecutionAuthorityCode: str(true), caseURN: str(false, 30), prosecutionAuthorityOUCode: str() },
      },
      defendants: { kind: 'array', required: true, items: defendant },
    },
  };

  return {
    kind: 'object',
    required: true,
    fields: {
      sharedTime: { kind: 'datetime' },
      hearing: {
        kind: 'object',
        required: true,
        fields: {
          id: id(true),
          jurisdictionType: str(true),
          courtCentre: { kind: 'object', required: true, fields: { id: id(true), code: str() } },
          hearingDays: { kind: 'array', items: { kind: 'object', fields: { sittingDay: { kind: 'datetime', required: true } } } },
          prosecutionCases: { kind: 'array', items: prosecutionCase },
        },
      },
    },
  };
}

/** Tolerant: ids are any string (offline reading of real and synthetic payloads). */
export const hearingResultedShape: FieldSpec = hearingShape((required) => str(required));
/** At the platform door: ids in the format the CP schemas give them. */
export const platformHearingResultedShape: FieldSpec = hearingShape((required) => ({ kind: 'uuid', required }));
