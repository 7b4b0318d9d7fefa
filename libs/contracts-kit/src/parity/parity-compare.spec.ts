import { compareJson, compareXml } from './parity-compare.js';

describe('parity comparison (as the real suites compare)', () => {
  const xml = (urn: string, ref: string, text: string) => `<R xmlns="urn:x"><Case><PTIURN>${urn}</PTIURN><ProsecutorReference>${ref}</ProsecutorReference><T>${text}</T></Case></R>`;

  it('XML: ignores PTIURN and ProsecutorReference and normalises whitespace, like XMLUnit in SPIResultIT', () => {
    expect(compareXml(xml('A1', 'P1', 'two  words\n  here'), xml('B2', 'P2', 'two words here'))).toEqual([]);
  });

  it('XML: any other difference is reported by path', () => {
    expect(compareXml(xml('A1', 'P1', '12.50'), xml('A1', 'P1', '12.5'))).toEqual([{ path: '/R/Case/T/text()', expected: '12.50', actual: '12.5' }]);
  });

  it('JSON: deep equal by path, key order ignored, listed paths skipped', () => {
    expect(compareJson({ a: 1, b: { c: [1, 2] }, id: 'x' }, { b: { c: [1, 2] }, a: 1, id: 'y' }, ['$.id'])).toEqual([]);
    expect(compareJson({ a: { b: [1, 2] } }, { a: { b: [1, 3], extra: '' } })).toEqual([
      { path: '$.a.b[1]', expected: 2, actual: 3 },
      { path: '$.a.extra', expected: undefined, actual: '' },
    ]);
    expect(compareJson({ a: null }, { a: '' })).toEqual([{ path: '$.a', expected: null, actual: '' }]);
  });

  it('JSON: absent equals "" only when asked (typed-model comparison), never another value', () => {
    expect(compareJson({ a: 1, b: '' }, { a: 1 })).toEqual([{ path: '$.b', expected: '', actual: undefined }]);
    expect(compareJson({ a: 1, b: '' }, { a: 1 }, { absentEqualsEmptyString: true })).toEqual([]);
    expect(compareJson({ a: 1, b: 'x' }, { a: 1 }, { absentEqualsEmptyString: true })).toEqual([{ path: '$.b', expected: 'x', actual: undefined }]);
  });
});
