import { escapeXml, escapeXmlTwice, unescapeXml } from './xml-text.js';

/** The regex forms these loops replace, as the reference they must agree with. */
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const refEscape = (s: string, apos: boolean) => s.replace(apos ? /[&<>"']/g : /[&<>"]/g, (c) => ESC[c]!);
const refUnescape = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[ref] ?? whole;
  });

describe('xml text', () => {
  const samples = [
    '',
    'plain',
    `<a b="c">Smith & Sons' "Ltd" > 3</a>`,
    '&&;;<<>>""',
    'O’Brien — café ✓ 😀',
    '&lt;RouteData&gt;&amp;lt;x&amp;gt;&#60;&#x3c;&#x3C;&#128512;&apos;&quot;',
    'broken &lt &amp &#xZZ; &unknown; &#99999999; &#1114112; &;&#;&#x; a&b;c',
    '&' + 'a'.repeat(20) + ';',
    // Near misses of the predefined entities the fast path reads by char code.
    '&ampx; &aposx; &lt &gtx; &quo; &quot &ap; &am; &l; &g; &q; &LT; &Amp; &a;&amp;&apos;&lt;&gt;&quot;&',
  ];

  it.each(samples)('escape matches the reference for %j', (s) => {
    expect(escapeXml(s)).toBe(refEscape(s, false));
    expect(escapeXml(s, true)).toBe(refEscape(s, true));
  });

  it.each(samples)('escaping twice in one pass equals escaping twice, for %j', (s) => {
    expect(escapeXmlTwice(s)).toBe(refEscape(refEscape(s, false), false));
  });

  it.each(samples)('unescape matches the reference for %j', (s) => {
    expect(unescapeXml(s)).toBe(refUnescape(s));
  });

  it('round-trips escaped text, twice escaped as a CJSE message is', () => {
    const doc = `<?xml version="1.0"?><Msg a="1 & 2">Smith & Sons <'x'></Msg>`;
    expect(unescapeXml(unescapeXml(escapeXml(escapeXml(doc))))).toBe(doc);
  });
});
