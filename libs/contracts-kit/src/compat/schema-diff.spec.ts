import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonSchemaModelOf } from './json-schema-model.js';
import { breaks, diffSchemas, type ChangeKind, type CompatMode } from './schema-diff.js';
import { xsdModel } from './xsd-model.js';

const dir = mkdtempSync(join(tmpdir(), 'xsd-diff-'));
let n = 0;

/** A tiny schema: Msg(@Version) → Item* → Code, Name, Note?; the type of Code lives in an included file. */
function xsd(opts: { tns?: string; body?: string; code?: string; attr?: string } = {}): string {
  const tns = opts.tns ?? 'urn:test:v1';
  const id = ++n;
  writeFileSync(
    join(dir, `types-${id}.xsd`),
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
       <xs:simpleType name="CodeType">${opts.code ?? '<xs:restriction base="xs:string"><xs:maxLength value="10"/><xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction>'}</xs:simpleType>
     </xs:schema>`,
  );
  const file = join(dir, `msg-${id}.xsd`);
  writeFileSync(
    file,
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="${tns}" targetNamespace="${tns}" elementFormDefault="qualified">
       <xs:include schemaLocation="types-${id}.xsd"/>
       <xs:complexType name="ItemType"><xs:sequence>
         ${opts.body ?? '<xs:element name="Code" type="t:CodeType"/><xs:element name="Name" type="xs:string"/><xs:element name="Note" type="xs:string" minOccurs="0"/>'}
       </xs:sequence></xs:complexType>
       <xs:element name="Msg"><xs:complexType>
         <xs:sequence><xs:element name="Item" type="t:ItemType" minOccurs="1" maxOccurs="unbounded"/></xs:sequence>
         ${opts.attr ?? '<xs:attribute name="Version" type="xs:string" use="optional"/>'}
       </xs:complexType></xs:element>
     </xs:schema>`,
  );
  return file;
}

const BASE_BODY = '<xs:element name="Code" type="t:CodeType"/><xs:element name="Name" type="xs:string"/><xs:element name="Note" type="xs:string" minOccurs="0"/>';

function changes(older: string, newer: string) {
  return diffSchemas(xsdModel(older), xsdModel(newer));
}

function verdict(older: string, newer: string, mode: CompatMode = 'backward'): { kinds: ChangeKind[]; breaking: boolean } {
  const c = changes(older, newer);
  return { kinds: c.map((x) => x.kind), breaking: c.some((x) => breaks(x, mode)) };
}

describe('XSD model', () => {
  it('follows includes and flattens elements and attributes by path', () => {
    const m = xsdModel(xsd());
    expect([...m.nodes.keys()]).toEqual(['/Msg', '/Msg/Item', '/Msg/Item/Code', '/Msg/Item/Name', '/Msg/Item/Note', '/Msg/@Version']);
    expect(m.nodes.get('/Msg/Item/Code')!.facets).toEqual({ base: 'string', maxLength: 10, enumeration: ['A', 'B'] });
    expect(m.nodes.get('/Msg/Item')!.max).toBe(Infinity);
  });

  it('identical schemas have no changes', () => expect(changes(xsd(), xsd())).toEqual([]));
});

describe('XSD compatibility: breaking changes (backward)', () => {
  const cases: [string, Parameters<typeof xsd>[0], ChangeKind][] = [
    ['element removed', { body: '<xs:element name="Code" type="t:CodeType"/><xs:element name="Name" type="xs:string"/>' }, 'removed'],
    ['minOccurs raised', { body: BASE_BODY.replace('minOccurs="0"', 'minOccurs="1"') }, 'min-raised'],
    ['maxOccurs lowered', { body: BASE_BODY.replace('name="Name" type="xs:string"', 'name="Name" type="xs:string" maxOccurs="1"').replace('<xs:element name="Note" type="xs:string" minOccurs="0"/>', '') }, 'removed'],
    ['maxLength lowered', { code: '<xs:restriction base="xs:string"><xs:maxLength value="5"/><xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction>' }, 'type-narrowed'],
    ['pattern changed', { code: '<xs:restriction base="xs:string"><xs:maxLength value="10"/><xs:pattern value="[A-Z]"/><xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction>' }, 'type-narrowed'],
    ['base type changed', { code: '<xs:restriction base="xs:integer"><xs:maxLength value="10"/><xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction>' }, 'type-changed'],
    ['enumeration value removed', { code: '<xs:restriction base="xs:string"><xs:maxLength value="10"/><xs:enumeration value="A"/></xs:restriction>' }, 'enumeration-removed'],
    ['namespace changed', { tns: 'urn:test:v2' }, 'namespace-changed'],
    ['required element added', { body: `${BASE_BODY}<xs:element name="Extra" type="xs:string"/>` }, 'added'],
    ['attribute made required', { attr: '<xs:attribute name="Version" type="xs:string" use="required"/>' }, 'min-raised'],
    ['attribute removed', { attr: '' }, 'removed'],
  ];
  it.each(cases)('%s is breaking', (_name, opts, kind) => {
    const v = verdict(xsd(), xsd(opts));
    expect(v.kinds).toContain(kind);
    expect(v.breaking).toBe(true);
  });

  it('maxOccurs lowered on a repeated element is breaking', () => {
    const older = xsd({ body: BASE_BODY.replace('minOccurs="0"', 'minOccurs="0" maxOccurs="5"') });
    const v = verdict(older, xsd());
    expect(v.kinds).toEqual(['max-lowered']);
    expect(v.breaking).toBe(true);
  });
});

describe('XSD compatibility: non-breaking changes (backward)', () => {
  const cases: [string, Parameters<typeof xsd>[0], ChangeKind][] = [
    ['optional element added', { body: `${BASE_BODY}<xs:element name="Extra" type="xs:string" minOccurs="0"/>` }, 'added'],
    ['minOccurs lowered', { body: BASE_BODY.replace('name="Name" type="xs:string"', 'name="Name" type="xs:string" minOccurs="0"') }, 'min-lowered'],
    ['maxLength raised', { code: '<xs:restriction base="xs:string"><xs:maxLength value="20"/><xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction>' }, 'type-widened'],
    ['enumeration value added', { code: '<xs:restriction base="xs:string"><xs:maxLength value="10"/><xs:enumeration value="A"/><xs:enumeration value="B"/><xs:enumeration value="C"/></xs:restriction>' }, 'enumeration-added'],
    ['optional attribute added', { attr: '<xs:attribute name="Version" type="xs:string"/><xs:attribute name="Lang" type="xs:string"/>' }, 'added'],
  ];
  it.each(cases)('%s is not breaking backward, but breaks forward (a strict old reader)', (_name, opts, kind) => {
    const v = verdict(xsd(), xsd(opts));
    expect(v.kinds).toEqual([kind]);
    expect(v.breaking).toBe(false);
    expect(verdict(xsd(), xsd(opts), 'forward').breaking).toBe(true);
    expect(verdict(xsd(), xsd(opts), 'full').breaking).toBe(true);
  });

  it('a narrowing is forward-compatible but not full', () => {
    const narrowed = xsd({ code: '<xs:restriction base="xs:string"><xs:maxLength value="5"/><xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction>' });
    expect(verdict(xsd(), narrowed, 'forward').breaking).toBe(false);
    expect(verdict(xsd(), narrowed, 'full').breaking).toBe(true);
  });

  it('a derived base type is a narrowing, its ancestor a widening', () => {
    const int = xsd({ code: '<xs:restriction base="xs:int"/>' });
    const integer = xsd({ code: '<xs:restriction base="xs:integer"/>' });
    expect(verdict(integer, int).kinds).toEqual(['type-narrowed']);
    expect(verdict(int, integer)).toEqual({ kinds: ['type-widened'], breaking: false });
  });
});

describe('JSON schema compatibility', () => {
  const base = {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: { id: { type: 'string', maxLength: 10 }, kind: { enum: ['A', 'B'] }, tags: { type: 'array', items: { type: 'string' } } },
  };
  const clone = () => JSON.parse(JSON.stringify(base)) as typeof base & Record<string, unknown>;
  const v = (next: object, mode: CompatMode = 'backward') => {
    const c = diffSchemas(jsonSchemaModelOf(base), jsonSchemaModelOf(next as Record<string, unknown>));
    return { kinds: c.map((x) => x.kind), paths: c.map((x) => x.path), breaking: c.some((x) => breaks(x, mode)) };
  };

  it('required added is breaking', () => {
    const s = clone();
    s.required = ['id', 'kind'];
    expect(v(s)).toMatchObject({ kinds: ['min-raised'], paths: ['/kind'], breaking: true });
  });
  it('property removed is breaking (closed object)', () => {
    const s = clone();
    delete (s.properties as Record<string, unknown>).kind;
    expect(v(s)).toMatchObject({ kinds: ['removed'], breaking: true });
  });
  it('enum narrowed is breaking, widened is not', () => {
    const s = clone();
    s.properties.kind = { enum: ['A'] };
    expect(v(s)).toMatchObject({ kinds: ['enumeration-removed'], breaking: true });
    const w = clone();
    w.properties.kind = { enum: ['A', 'B', 'C'] };
    expect(v(w)).toMatchObject({ kinds: ['enumeration-added'], breaking: false });
  });
  it('type changed is breaking', () => {
    const s = clone();
    (s.properties as Record<string, unknown>).id = { type: 'integer', maxLength: 10 };
    expect(v(s)).toMatchObject({ kinds: ['type-changed'], breaking: true });
  });
  it('array items are compared under /*', () => {
    const s = clone();
    s.properties.tags = { type: 'array', items: { type: 'string', maxLength: 3 } } as typeof base.properties.tags;
    expect(v(s)).toMatchObject({ paths: ['/tags/*'], breaking: true });
  });
  it('optional property added is not breaking backward', () => {
    const s = clone();
    (s.properties as Record<string, unknown>).note = { type: 'string' };
    expect(v(s)).toMatchObject({ kinds: ['added'], breaking: false });
    expect(v(s, 'forward').breaking).toBe(true);
  });
});
