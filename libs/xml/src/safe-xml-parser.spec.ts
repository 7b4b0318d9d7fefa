import { checkXmlLimits, parseXmlSafely } from './safe-xml-parser.js';

describe('parseXmlSafely', () => {
  it('parses a plain document with attributes as strings', () => {
    const r = parseXmlSafely<{ a: { b: string; '@_x': string } }>('<a x="1"><b>007</b></a>');
    expect(r).toEqual({ ok: true, value: { a: { b: '007', '@_x': '1' } } });
  });

  it('rejects any DOCTYPE (billion laughs, XXE) before parsing', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>';
    const xxe = '<!doctype foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>';
    for (const xml of [laughs, xxe]) {
      const r = parseXmlSafely(xml);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0]!.code).toBe('XML.DOCTYPE_FORBIDDEN');
    }
  });

  it('leaves entity references unexpanded', () => {
    const r = parseXmlSafely<{ a: string }>('<a>x &amp; y</a>');
    expect(r.ok && r.value.a).toBe('x &amp; y');
  });

  it('enforces byte size, depth and element count', () => {
    expect(parseXmlSafely('<a>' + 'x'.repeat(100) + '</a>', { limits: { maxBytes: 50 } })).toMatchObject({ ok: false, problems: [{ code: 'XML.TOO_LARGE' }] });
    const deep = '<a>'.repeat(70) + '</a>'.repeat(70);
    expect(parseXmlSafely(deep)).toMatchObject({ ok: false, problems: [{ code: 'XML.TOO_DEEP' }] });
    const many = '<r>' + '<i/>'.repeat(20) + '</r>';
    expect(parseXmlSafely(many, { limits: { maxElements: 10 } })).toMatchObject({ ok: false, problems: [{ code: 'XML.TOO_MANY_ELEMENTS' }] });
  });

  it('does not count tags inside comments, CDATA, processing instructions or attribute values (either quote)', () => {
    const xml = '<r a="<b><c>" b=\'<d>"\'><!-- <x><y><z> --><![CDATA[<p><q>]]><?pi <t>?><s/></r>';
    expect(checkXmlLimits(xml, { maxBytes: 1000, maxDepth: 1, maxElements: 2 })).toEqual([]);
  });

  it('reports not-well-formed text with a location', () => {
    const r = parseXmlSafely('<a><b></a>');
    expect(r).toMatchObject({ ok: false, problems: [{ code: 'XML.NOT_WELL_FORMED' }] });
    if (!r.ok) expect(r.problems[0]!.path).toMatch(/^line \d+:\d+$/);
  });

  it('never pollutes prototypes through element or attribute names', () => {
    for (const xml of ['<a><__proto__><polluted>1</polluted></__proto__></a>', '<a><constructor><prototype>1</prototype></constructor></a>', '<a __proto__="x"/>']) {
      const r = parseXmlSafely(xml);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      if (r.ok) {
        expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
      } else {
        expect(r.problems[0]!.code).toBe('XML.FORBIDDEN_NAME');
      }
    }
  });
});
