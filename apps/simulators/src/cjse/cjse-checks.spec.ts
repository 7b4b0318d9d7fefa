import { resolve } from 'node:path';
import { schemaRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { XsdValidator } from '../../../../libs/xml/src/xsd-validator.js';
import { checkRouteData } from './cjse-checks.js';
import { fixture, MALFORMED_OI_PAYLOAD, RESULTED_CASE, routeDataAround } from './cjse-sample-messages.js';

const xsd = (f: string) => XsdValidator.fromFile(resolve(schemaRoot(), 'cp-spi-staging/xsd', f));
const v = { routeData: xsd('cjseOperations.xsd'), resultedCase: xsd('CPP-StdProsPoliceResult-v1-2.xsd'), allowedDataStreamTypes: new Set(['SPIResults']) };

describe('CJSE simulator checks (real XSDs, in place)', () => {
  it('accepts the platform expected ResultedCaseMessage in RouteData', () => {
    expect(checkRouteData(routeDataAround(fixture(RESULTED_CASE), 'abc-1'), v)).toEqual({ problems: [] });
  });

  it('answers 1310 UnusableDataStream for the real OI payload whose data stream is not well-formed', () => {
    const r = checkRouteData(fixture(MALFORMED_OI_PAYLOAD), v);
    expect(r.rejectCode).toBe(1310);
  });

  it('answers 1310 for a schema-invalid ResultedCaseMessage', () => {
    const doc = fixture(RESULTED_CASE).replace('SchemaVersion="0.6g"', 'SchemaVersion="0.7"');
    const r = checkRouteData(routeDataAround(doc, 'abc-2'), v);
    expect(r.rejectCode).toBe(1310);
    expect(r.problems.some((p) => p.code === 'CONTRACT.XSD_INVALID')).toBe(true);
  });

  it('reads the RouteData fields: 306 for a correlation id with a space, 1310 for surrounding blanks (XSD), for another root or a DOCTYPE', () => {
    const resulted = fixture(RESULTED_CASE);
    expect(checkRouteData(routeDataAround(resulted, 'abc 3'), v)).toMatchObject({ rejectCode: 306, problems: [{ code: 'CJSE.InvalidCorrelationID' }] });
    // Blanks around it pass the field check (trimmed) and are then refused by the XSD's \S+ pattern.
    const padded = checkRouteData(routeDataAround(resulted, 'abc-4').replace('<CorrelationID>abc-4<', '<CorrelationID>\n  abc-4  <'), v);
    expect(padded).toMatchObject({ rejectCode: 1310, problems: [{ code: 'CJSE.UnusableDataStream' }, { code: 'CONTRACT.XSD_INVALID' }] });
    expect(checkRouteData('<Other xmlns="urn:x"/>', v)).toMatchObject({ rejectCode: 1310, problems: [{ message: expect.stringContaining('{urn:x}Other') }] });
    const doctype = checkRouteData(`<!DOCTYPE RouteData>${routeDataAround(resulted, 'abc-5')}`, v);
    expect(doctype.rejectCode).toBe(1310);
    expect(doctype.problems.map((p) => p.code)).toContain('XML.DOCTYPE_FORBIDDEN');
  });

  it('uses the specific OI codes: 1359 data stream type, 1321 same source and destination', () => {
    expect(checkRouteData(routeDataAround(fixture(RESULTED_CASE), 'x', { dataStreamType: 'SPINewCase' }), v).rejectCode).toBe(1359);
    expect(checkRouteData(routeDataAround(fixture(RESULTED_CASE), 'x', { routeDestination: 'C00CommonPlatform' }), v).rejectCode).toBe(1321);
  });
});
