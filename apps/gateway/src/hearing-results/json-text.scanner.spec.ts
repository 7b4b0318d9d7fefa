import { loadSamples } from '../../../cli/src/sample-traffic/sample-traffic.js';
import { exactProblems, MAX_STRING_LENGTH, needsExactScan, scanText } from './json-text.scanner.js';

/** What the door finds in a text: nothing when the quick pass says so, else the exact pass's problems. */
const problemsOf = (text: string) => {
  const scan = scanText(text);
  return needsExactScan(scan, JSON.parse(text)) ? exactProblems(text).map((p) => [p.code, p.path]) : [];
};

describe('json-text scanner', () => {
  it('passes every sample (pretty-printed too) without the exact pass, and the exact pass finds nothing in them either', () => {
    for (const { body } of loadSamples()) {
      for (const text of [JSON.stringify(body), JSON.stringify(body, null, 2)]) {
        const scan = scanText(text);
        expect(scan.tooDeep).toBe(false);
        expect(needsExactScan(scan, JSON.parse(text))).toBe(false);
        expect(exactProblems(text)).toEqual([]);
      }
    }
  });

  it.each([
    ['a duplicate key, last one silently winning', '{"hearing":{"id":"a","x":{"k":1},"id":"b"}}', [['PAYLOAD.DUPLICATE_KEY', '$.hearing.id']]],
    ['the same key in sibling objects is no duplicate', '{"a":[{"id":1},{"id":2}],"b":{"id":3}}', []],
    ['a duplicate key inside an array item', '{"a":[{"id":1},{"id":2, "id" : 3}]}', [['PAYLOAD.DUPLICATE_KEY', '$.a[1].id']]],
    ['NUL escaped in a value', '{"n":{"lastName":"Smi\\u0000th"}}', [['PAYLOAD.NUL_CHARACTER', '$.n.lastName']]],
    ['NUL in a key', '{"a\\u0000b":1}', [['PAYLOAD.NUL_CHARACTER', '$["a\\\\u0000b"]']]],
    ['a lone high surrogate', '{"a":["x","\\ud800"]}', [['PAYLOAD.LONE_SURROGATE', '$.a[1]']]],
    ['a lone low surrogate', '{"a":"\\uDC00x"}', [['PAYLOAD.LONE_SURROGATE', '$.a']]],
    ['a reversed pair', '{"a":"\\udc00\\ud800"}', [['PAYLOAD.LONE_SURROGATE', '$.a']]],
    ['a proper surrogate pair (escaped emoji) is fine', '{"a":"\\ud83d\\ude00 and 😀"}', []],
    ['1e999 (Infinity)', '{"a":{"b":1e999}}', [['PAYLOAD.NUMBER_OUT_OF_RANGE', '$.a.b']]],
    ['-1e999 (-Infinity)', '{"a":[-1E+999]}', [['PAYLOAD.NUMBER_OUT_OF_RANGE', '$.a[0]']]],
    ['an integer past 2^53', '{"a":9007199254740993}', [['PAYLOAD.NUMBER_OUT_OF_RANGE', '$.a']]],
    ['an underflow to 0', '{"a":1e-400}', [['PAYLOAD.NUMBER_OUT_OF_RANGE', '$.a']]],
    ['ordinary exponents, 0e5 and long decimals are fine', '{"a":1.5e3,"b":0e5,"c":0.000000000000000001,"d":-0.0}', []],
    ['an over-long string', `{"a":{"b":"${'x'.repeat(MAX_STRING_LENGTH + 1)}"}}`, [['PAYLOAD.TOO_LONG', '$.a.b']]],
    ['a string at the limit is fine, even with escapes longer in the text', `{"a":"${'\\n'.repeat(MAX_STRING_LENGTH)}"}`, []],
    ['an over-long key', `{"${'k'.repeat(300)}":1}`, [['PAYLOAD.TOO_LONG', `$.${'k'.repeat(300)}`]]],
    ['several at once, each with its path', '{"a":1,"a":"\\u0000","b":[1e999,"\\udfff"]}', [['PAYLOAD.DUPLICATE_KEY', '$.a'], ['PAYLOAD.NUL_CHARACTER', '$.a'], ['PAYLOAD.NUMBER_OUT_OF_RANGE', '$.b[0]'], ['PAYLOAD.LONE_SURROGATE', '$.b[1]']]],
  ])('%s', (_name, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });

  it('counts nesting like the old depth check: strings and escaped quotes do not count', () => {
    expect(scanText('{"a":"[[[[\\"[[["}', 2).tooDeep).toBe(false);
    expect(scanText('[[[1]]]', 2).tooDeep).toBe(true);
    expect(scanText('[[1]]', 2).tooDeep).toBe(false);
  });

  it('stops listing at 100 problems', () => {
    const text = `{${Array.from({ length: 300 }, (_, i) => `"k":${i}`).join(',')}}`;
    expect(exactProblems(text)).toHaveLength(100);
  });
});
