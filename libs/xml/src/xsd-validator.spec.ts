import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaRoot } from '../../contracts-kit/src/paths.js';
import { parseXmlDocument, XsdValidator } from './xsd-validator.js';

const xsdDir = join(schemaRoot(), 'cp-spi-staging/xsd');
const expectedDir = join(schemaRoot(), 'cp-spi-staging/results/expected');
const haveSchemas = existsSync(join(xsdDir, 'CPP-StdProsPoliceResult-v1-2.xsd'));

if (!haveSchemas) {
  console.warn(`[xsd-validator.spec] real schemas not found under ${xsdDir}; schema-backed tests skipped`);
  it('skips real-schema tests because the schema root is absent', () => {
    expect(existsSync(xsdDir)).toBe(false);
  });
} else {
  describe('XsdValidator on the real SPI schemas', () => {
    const result = () => XsdValidator.fromFile(join(xsdDir, 'CPP-StdProsPoliceResult-v1-2.xsd'));

    it('compiles once per path (cached)', () => {
      expect(result()).toBe(result());
    });

    it('accepts a real expected ResultedCaseMessage', () => {
      const xml = readFileSync(join(expectedDir, 'expectedResultedCaseMessage.xml'), 'utf8');
      expect(result().validate(xml)).toEqual([]);
    });

    it('reports CONTRACT.XSD_INVALID with line and element for a bad document', () => {
      const xml = readFileSync(join(expectedDir, 'expectedResultedCaseMessage.xml'), 'utf8').replace(
        '<PTIURN>21EU9147637</PTIURN>',
        '<PTIURN>THIS-URN-IS-TOO-LONG</PTIURN>',
      );
      const problems = result().validate(xml);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]).toMatchObject({ code: 'CONTRACT.XSD_INVALID' });
      expect(problems[0]!.path).toMatch(/line 1.*PTIURN/);
    });

    it('reports XML.NOT_WELL_FORMED and XML.DOCTYPE_FORBIDDEN before validating', () => {
      expect(result().validate('<ResultedCaseMessage>')[0]!.code).toBe('XML.NOT_WELL_FORMED');
      expect(result().validate('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')[0]!.code).toBe('XML.DOCTYPE_FORBIDDEN');
    });

    it('validates a document parsed once exactly as it validates the text', () => {
      const bad = readFileSync(join(expectedDir, 'expectedResultedCaseMessage.xml'), 'utf8').replace('<PTIURN>21EU9147637</PTIURN>', '<PTIURN>THIS-URN-IS-TOO-LONG</PTIURN>');
      const parsed = parseXmlDocument(bad);
      if (!parsed.ok) throw new Error('expected a parsed document');
      try {
        expect(result().validateDocument(parsed.doc)).toEqual(result().validate(bad));
        expect(result().validateDocument(parsed.doc)[0]).toMatchObject({ code: 'CONTRACT.XSD_INVALID' });
      } finally {
        parsed.doc.dispose();
      }
      expect(parseXmlDocument('<a><b></a>')).toMatchObject({ ok: false, problems: [{ code: 'XML.NOT_WELL_FORMED' }] });
      expect(parseXmlDocument('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toMatchObject({ ok: false, problems: [{ code: 'XML.DOCTYPE_FORBIDDEN' }] });
    });

    it('reads text as UTF-8 (non-ASCII kept, a stale declared encoding ignored) and refuses an unpaired surrogate', () => {
      const read = (xml: string) => {
        const r = parseXmlDocument(xml);
        if (!r.ok) return r.problems;
        try {
          return r.doc.root.content;
        } finally {
          r.doc.dispose();
        }
      };
      expect(read('<a>é – 😀</a>')).toBe('é – 😀');
      // A string is already decoded: its declaration does not re-decode it (it used to give 'Ã©').
      expect(read('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>')).toBe('é');
      expect(read('<?xml version="1.0" encoding="UTF-16"?><a>é</a>')).toBe('é');
      // JSON can carry "\ud800" into a mapped document; it must not turn into U+FFFD on the way.
      expect(read('<a>x\ud800y</a>')).toEqual([expect.objectContaining({ code: 'XML.NOT_WELL_FORMED', message: expect.stringContaining('unpaired surrogate') })]);
      expect(result().validate('<ResultedCaseMessage>\udc00</ResultedCaseMessage>')[0]!.code).toBe('XML.NOT_WELL_FORMED');
    });

    it('compiles cjseOperations.xsd (imports across files) and validates a RouteData', () => {
      const ops = XsdValidator.fromFile(join(xsdDir, 'cjseOperations.xsd'));
      const xml = readFileSync(join(expectedDir, 'expectedSpiOutOiPayloadWithEmail.xml'), 'utf8');
      const problems = ops.validate(xml);
      // The real OI payload is a valid RouteData request.
      expect(problems).toEqual([]);
    });

    it('is fast on the hot path (compiled schema reused)', () => {
      const v = result();
      const xml = readFileSync(join(expectedDir, 'expectedResultedCaseMessage.xml'), 'utf8');
      const start = performance.now();
      for (let i = 0; i < 200; i++) v.validate(xml);
      const perDoc = (performance.now() - start) / 200;
      expect(perDoc).toBeLessThan(5);
    });
  });
}
