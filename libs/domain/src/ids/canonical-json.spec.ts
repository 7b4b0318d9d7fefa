import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('is the same for key order and layout, different for any value or array order', () => {
    const a = JSON.parse('{ "b": [1, {"y": 2, "x": "é"}], "a": null, "c": 1.50 }');
    const b = JSON.parse('{"c":1.5,"a":null,"b":[1,{"x":"\\u00e9","y":2}]}');
    expect(canonicalJson(a)).toBe('{"a":null,"b":[1,{"x":"é","y":2}],"c":1.5}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson({ ...b, c: 1.51 })).not.toBe(canonicalJson(a));
    expect(canonicalJson({ ...b, b: [...(b.b as unknown[])].reverse() })).not.toBe(canonicalJson(a));
    expect(canonicalJson({ ...b, d: 'new' })).not.toBe(canonicalJson(a));
  });
});
