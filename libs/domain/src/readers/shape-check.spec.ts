import { checkShape, type FieldSpec } from './shape-check.js';

const spec: FieldSpec = {
  kind: 'object',
  fields: {
    id: { kind: 'string', required: true, maxLength: 5 },
    note: { kind: 'string' },
    when: { kind: 'datetime' },
    cases: {
      kind: 'array',
      required: true,
      items: {
        kind: 'object',
        fields: {
          urn: { kind: 'string', required: true },
          results: { kind: 'array', items: { kind: 'object', fields: { code: { kind: 'cjs-code', required: true }, on: { kind: 'date' } } } },
        },
      },
    },
  },
};

const found = (value: unknown) => checkShape(value, spec, '$').map((p) => [p.code, p.path]);

describe('checkShape', () => {
  it('finds nothing in a payload that fits, however often the same spec is used', () => {
    const ok = { id: 'a1', when: '2024-01-02T10:00:00Z', cases: [{ urn: 'U1', results: [{ code: '1002', on: '2024-01-02' }] }, { urn: 'U2' }] };
    for (let i = 0; i < 3; i++) expect(found(ok)).toEqual([]);
  });

  it('reports each problem at its path through objects and array items, in document order', () => {
    const bad = { id: 'toolong', note: 7, cases: [{ urn: 'U1', results: [{ code: '1002' }, { code: 'x', on: '02/01/2024' }] }, { results: 'no' }, null] };
    expect(found(bad)).toEqual([
      ['PAYLOAD.TOO_LONG', '$.id'],
      ['PAYLOAD.WRONG_TYPE', '$.note'],
      ['PAYLOAD.BAD_CJS_CODE', '$.cases[0].results[1].code'],
      ['PAYLOAD.BAD_DATE', '$.cases[0].results[1].on'],
      ['PAYLOAD.MISSING_FIELD', '$.cases[1].urn'],
      ['PAYLOAD.WRONG_TYPE', '$.cases[1].results'],
      ['PAYLOAD.MISSING_FIELD', '$.cases[2]'],
    ]);
  });

  it('requires required fields and the root, and skips absent optional ones', () => {
    expect(found({})).toEqual([
      ['PAYLOAD.MISSING_FIELD', '$.id'],
      ['PAYLOAD.MISSING_FIELD', '$.cases'],
    ]);
    expect(found([])).toEqual([['PAYLOAD.WRONG_TYPE', '$']]);
    expect(checkShape(undefined, { kind: 'object', required: true }, '$.hearing').map((p) => p.path)).toEqual(['$.hearing']);
  });

  it('reads only own fields: an inherited one counts as missing', () => {
    const inherited = Object.create({ id: 'a1', cases: [] }) as object;
    expect(found(inherited)).toEqual([
      ['PAYLOAD.MISSING_FIELD', '$.id'],
      ['PAYLOAD.MISSING_FIELD', '$.cases'],
    ]);
  });

  it.each([
    ['2024-02-29', '2024-02-29T23:59:59Z', []],
    ['2023-02-29', '2024-01-01T10:00', [['PAYLOAD.BAD_DATE', '$.cases[0].results[0].on']]],
    ['1900-02-29', '2000-02-29T00:00:00+01:00', [['PAYLOAD.BAD_DATE', '$.cases[0].results[0].on']]],
    ['2024-04-31', '2026-13-01T10:00:00Z', [['PAYLOAD.BAD_DATETIME', '$.when'], ['PAYLOAD.BAD_DATE', '$.cases[0].results[0].on']]],
    ['2024-00-10', '2026-01-01T25:61:00Z', [['PAYLOAD.BAD_DATETIME', '$.when'], ['PAYLOAD.BAD_DATE', '$.cases[0].results[0].on']]],
  ])('a date must be a real day and a date-time a real time: %s, %s', (on, when, expected) => {
    expect(found({ id: 'a1', when, cases: [{ urn: 'U1', results: [{ code: '1', on }] }] })).toEqual(expected);
  });

  it('appends to the list it is given and gives the same list back', () => {
    const out = [{ code: 'EARLIER', path: '$', message: 'kept' }];
    expect(checkShape({ cases: [] }, spec, '$', out)).toBe(out);
    expect(out.map((p) => p.code)).toEqual(['EARLIER', 'PAYLOAD.MISSING_FIELD']);
  });
});
