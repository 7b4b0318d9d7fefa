import { jsonSchemaModelOf } from '../compat/json-schema-model.js';
import { coverageOf, producedPaths } from './schema-coverage.js';

describe('schema coverage', () => {
  it('collects XML element and attribute paths without positions or prefixes', () => {
    const paths = producedPaths('<p:A xmlns:p="urn:x" V="1"><p:B>1</p:B><p:B><p:C/></p:B></p:A>');
    expect([...paths].sort()).toEqual(['/A', '/A/@V', '/A/B', '/A/B/C']);
  });

  it('counts the schema paths some document produced and lists the rest', () => {
    const model = jsonSchemaModelOf({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'object', properties: { c: { type: 'string' }, d: { type: 'string' } } } } } });
    const r = coverageOf(model, [JSON.stringify({ a: 'x', b: [{ c: '1' }] })]);
    expect(r.total).toBe(6); // /, /a, /b, /b/*, /b/*/c, /b/*/d
    expect(r.neverProduced).toEqual(['/b/*/d']);
    expect(r.percent).toBe(83.3);
  });
});
