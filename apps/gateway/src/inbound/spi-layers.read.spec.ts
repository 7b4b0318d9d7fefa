import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesRoot, schemaRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { DEFAULT_XML_LIMITS } from '../../../../libs/xml/src/safe-xml-parser.js';
import { XsdValidator } from '../../../../libs/xml/src/xsd-validator.js';
import { inboundAdapter } from '../../../../contracts/spi-inbound/v1/inbound.adapter.js';
import { checkRouteData } from './spi-layers.js';
import { decodeXmlBytes } from './xml-decoding.js';

/**
 * Inbound read by the schema (issue 27): RouteData whose DataStream children are written
 * unprefixed in the operations namespace, as real senders write them, is read (DataStreamType is
 * not '' any more), so a message missing its OffenceCode is refused for that; XML in UTF-16 with a
 * byte-order mark is read, as XML 1.0 requires. Real RouteData (SingleDefendantSingeOffence.xml) read in place.
 */
const file = join(fixturesRoot(), 'cp-spi-staging/spi-in/SingleDefendantSingeOffence.xml');
const have = existsSync(file);
const real = have ? readFileSync(file, 'utf8').replace('CORRELATION_ID', 'CID-27').replace('URN_NUMBER', '01TL0000001') : '';
/** The same RouteData as senders like Bichard write it: DataStream's children unprefixed, in the operations namespace. */
const unqualified = real.replace(/<(\/?)cjseEntity:/g, '<$1');
const validator = have ? XsdValidator.fromFile(join(schemaRoot(), 'cp-spi-staging/xsd/cjseOperations.xsd')) : undefined;
const check = (xml: string) => checkRouteData(xml, { limits: DEFAULT_XML_LIMITS, allowedTypes: inboundAdapter.dataStreamTypes, validate: (x) => validator!.validate(x) });

(have ? describe : describe.skip)('RouteData read namespace-correctly', () => {
  it('reads the schema-qualified RouteData as before', () => {
    const r = check(real);
    expect(r.ok && r.info.correlationId).toBe('CID-27');
  });

  it('reads DataStream children written in the operations namespace: same type, source and content', () => {
    expect(unqualified).not.toContain('cjseEntity:DataStreamType');
    const a = check(real);
    const b = check(unqualified);
    if (!b.ok) throw new Error(JSON.stringify(b.refusal));
    expect(a.ok && b.info).toEqual(a.ok && a.info);
    expect(b.info.sourceSystem).toBe('00501PoliceCaseSystem');
  });

  it('a wrong DataStreamType is still refused 1359, naming the type it read', () => {
    const r = check(unqualified.replace('>SPINewCase</DataStreamType>', '>SPIResults</DataStreamType>'));
    expect(!r.ok && r.refusal.responseCode).toBe(1359);
    expect(!r.ok && r.refusal.problems[0]!.message).toContain("'SPIResults'");
  });

  it('a message missing its OffenceCode gets past RouteData and is refused for the missing OffenceCode', () => {
    const r = check(unqualified.replace(/&lt;OffenceCode&gt;FI68323&lt;\/OffenceCode&gt;/, ''));
    if (!r.ok) throw new Error(JSON.stringify(r.refusal));
    const v = inboundAdapter.validate(r.info.content);
    expect(v.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(v.errors)).toMatch(/OffenceCode/);
  });
});

describe('XML bytes decoded per XML 1.0 (UTF-8, UTF-16 with its byte-order mark)', () => {
  const doc = '<?xml version="1.0" encoding="UTF-16"?><a>Siân £5</a>';
  const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  const utf16be = (s: string) => {
    const le = Buffer.from(s, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
  };

  it('UTF-16LE and UTF-16BE with a BOM are read; the declaration is handed on as UTF-8', () => {
    for (const bytes of [utf16le(doc), utf16be(doc)]) {
      const d = decodeXmlBytes(bytes);
      expect(d).toEqual({ ok: true, text: '<?xml version="1.0" encoding="UTF-8"?><a>Siân £5</a>', encoding: expect.stringMatching(/^UTF-16/) });
    }
  });

  it('a UTF-8 BOM is dropped; plain UTF-8 unchanged', () => {
    const text = '<?xml version="1.0" encoding="UTF-8"?><a>Siân</a>';
    expect(decodeXmlBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ ok: true, text, encoding: 'UTF-8' });
    expect(decodeXmlBytes(Buffer.from('<a/>'))).toEqual({ ok: true, text: '<a/>', encoding: 'UTF-8' });
  });

  it('refuses bytes not in their encoding, and a declaration that contradicts the bytes', () => {
    expect(decodeXmlBytes(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c]))).toMatchObject({ ok: false, problem: { code: 'XML.INVALID_UTF8' } });
    expect(decodeXmlBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41, 0x00])]))).toMatchObject({ ok: false, problem: { code: 'XML.INVALID_UTF16' } });
    expect(decodeXmlBytes(utf16le('<?xml version="1.0" encoding="UTF-8"?><a/>'))).toMatchObject({ ok: false, problem: { code: 'XML.ENCODING_MISMATCH' } });
    expect(decodeXmlBytes(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a/>'))).toMatchObject({ ok: false, problem: { code: 'XML.ENCODING_MISMATCH' } });
  });
});
