import { parseXmlTree, type TreeResult, type XmlElement } from './xml-tree.js';

const root = (r: TreeResult): XmlElement => {
  if (!r.ok) throw new Error(`expected a tree, got ${JSON.stringify(r.problems)}`);
  return r.root;
};
const codes = (r: TreeResult): string[] => (r.ok ? [] : r.problems.map((p) => p.code));

describe('parseXmlTree (libxml2 behind the libs/xml limit checks)', () => {
  it('resolves namespaces by URI whatever the prefix, keeps qualified attribute names and drops declarations', () => {
    const tree = root(parseXmlTree('<s:E xmlns:s="urn:s" xmlns="urn:d" xmlns:x="urn:x" x:type="T" id="1"><B><x:C/></B></s:E>'));
    expect(tree).toMatchObject({ local: 'E', ns: 'urn:s', attrs: { 'x:type': 'T', id: '1' } });
    expect(Object.keys(tree.attrs)).toEqual(['x:type', 'id']);
    expect(tree.children[0]).toMatchObject({ local: 'B', ns: 'urn:d' });
    expect(tree.children[0]!.children[0]).toMatchObject({ local: 'C', ns: 'urn:x' });
    expect(root(parseXmlTree('<a><b/></a>')).ns).toBeUndefined();
  });

  it('decodes entities and character references, trims each text node and keeps CDATA as written', () => {
    expect(root(parseXmlTree('<a>\n  x &amp; &lt;y&gt; &#65;&#x42;\n  <b/>  z  </a>')).text).toBe('x & <y> ABz');
    expect(root(parseXmlTree('<a>x<![CDATA[ <y> & ]]>z</a>')).text).toBe('x <y> & z');
  });

  it('reads a string as the text it already is: a stale encoding declaration does not re-decode it', () => {
    expect(root(parseXmlTree('<?xml version="1.0" encoding="ISO-8859-1"?><a>é – ü</a>')).text).toBe('é – ü');
  });

  it('refuses what is not namespace-well-formed XML, which the fast-xml-parser reader let through', () => {
    expect(codes(parseXmlTree('<x:a><b/></x:a>'))).toEqual(['XML.NOT_WELL_FORMED']); // undeclared prefix
    expect(codes(parseXmlTree('<a>&foo;</a>'))).toEqual(['XML.NOT_WELL_FORMED']); // undeclared entity
    expect(codes(parseXmlTree('<a/><b/>'))).toEqual(['XML.NOT_WELL_FORMED']); // two roots
    expect(codes(parseXmlTree('<a>\u0001</a>'))).toEqual(['XML.NOT_WELL_FORMED']); // not an XML character
    expect(codes(parseXmlTree(''))).toEqual(['XML.NOT_WELL_FORMED']);
  });

  it('keeps the hostile-input codes: DOCTYPE, limits, reserved element names; a __proto__ attribute pollutes nothing', () => {
    expect(codes(parseXmlTree('<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'))).toEqual(['XML.DOCTYPE_FORBIDDEN']);
    expect(codes(parseXmlTree('<a><a><a></a></a></a>', { maxDepth: 2 }))).toEqual(['XML.TOO_DEEP']);
    expect(codes(parseXmlTree('<a><b/><b/></a>', { maxElements: 2 }))).toEqual(['XML.TOO_MANY_ELEMENTS']);
    expect(codes(parseXmlTree('<a><__proto__><polluted>yes</polluted></__proto__></a>'))).toEqual(['XML.FORBIDDEN_NAME']);
    expect(codes(parseXmlTree('<constructor/>'))).toEqual(['XML.FORBIDDEN_NAME']);

    const tree = root(parseXmlTree('<a __proto__="p" constructor="c"/>'));
    expect(tree.attrs['__proto__']).toBe('p');
    expect(Object.getPrototypeOf(tree.attrs)).toBeNull();
    expect(({} as Record<string, unknown>)['p']).toBeUndefined();
  });
});
