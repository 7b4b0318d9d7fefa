import { canonicalize, diffXml } from './canonical-xml.js';

describe('canonicalize', () => {
  it('ignores attribute order, inter-element whitespace and prefixes of the same namespace', () => {
    const a = '<p:r xmlns:p="urn:x" b="2" a="1">\n  <p:c>t</p:c>\n</p:r>';
    const b = '<r xmlns="urn:x" a="1" b="2"><c>t</c></r>';
    expect(canonicalize(a)).toBe(canonicalize(b));
  });

  it('keeps text whitespace, entity-decoded text and element order significant', () => {
    expect(canonicalize('<r><c> t</c></r>')).not.toBe(canonicalize('<r><c>t</c></r>'));
    expect(canonicalize('<r><c>a &amp; b</c></r>')).toBe(canonicalize('<r><c><![CDATA[a & b]]></c></r>'));
    expect(canonicalize('<r><a/><b/></r>')).not.toBe(canonicalize('<r><b/><a/></r>'));
    expect(canonicalize('<r xmlns="urn:x"/>')).not.toBe(canonicalize('<r xmlns="urn:y"/>'));
  });

  it('can normalise whitespace inside text when asked (XMLUnit normalizeWhitespace)', () => {
    expect(canonicalize('<r>a\n    b </r>', { normalizeWhitespace: true })).toBe(canonicalize('<r>a b</r>'));
  });
});

describe('diffXml', () => {
  it('lists differences by XPath', () => {
    const expected = '<r><o><c>1</c></o><o><c>2</c><d x="1"/></o></r>';
    const actual = '<r><o><c>1</c></o><o><c>3</c><d x="2"/><e/></o></r>';
    expect(diffXml(expected, actual)).toEqual([
      { xpath: '/r/o[2]/c/text()', expected: '2', actual: '3' },
      { xpath: '/r/o[2]/d/@x', expected: '1', actual: '2' },
      { xpath: '/r/o[2]/e', expected: undefined, actual: '<e></e>' },
    ]);
  });

  it('returns nothing for equivalent documents', () => {
    expect(diffXml('<a y="1" x="2"><b/></a>', '<a x="2" y="1">\n<b></b>\n</a>')).toEqual([]);
  });
});
