import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixturesRoot } from '../../contracts-kit/src/paths.js';
import { buildSoap11Envelope, buildSoap11Fault, looksLikeSoapEnvelope, parseSoapEnvelope, SOAP12_NS } from './soap11-envelope.js';
import { childText, escapeXml, unescapeXml } from './xml-tree.js';

const fixture = (rel: string) => readFileSync(resolve(fixturesRoot(), rel), 'utf8');

describe('SOAP 1.1 envelope', () => {
  it('builds an envelope with the idempotency key as wsa:MessageID, and reads it back', () => {
    const xml = buildSoap11Envelope('<Ping xmlns="urn:t"><V>a&amp;b</V></Ping>', { messageId: 'id-<1>', action: 'urn:act' });
    expect(looksLikeSoapEnvelope(xml)).toBe(true);
    const r = parseSoapEnvelope(xml);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.envelope).toMatchObject({ version: '1.1', messageId: 'id-<1>', fault: undefined });
    expect(r.envelope.payload).toMatchObject({ local: 'Ping', ns: 'urn:t' });
    expect(childText(r.envelope.payload, 'V', 'urn:t')).toBe('a&b');
  });

  it('builds without a header when there is nothing to carry', () => {
    expect(buildSoap11Envelope('<X/>', { declaration: false })).toBe('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><X/></soap:Body></soap:Envelope>');
  });

  it('detects a SOAP 1.1 Fault (faultcode prefix removed)', () => {
    const r = parseSoapEnvelope(buildSoap11Fault('Server', 'down for maintenance', 'try later'));
    expect(r.ok && r.envelope.fault).toEqual({ code: 'Server', reason: 'down for maintenance', detail: 'try later' });
  });

  it('detects a SOAP 1.2 Fault and reports the version', () => {
    const xml = `<e:Envelope xmlns:e="${SOAP12_NS}"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code><e:Reason><e:Text xml:lang="en">boom</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>`;
    const r = parseSoapEnvelope(xml);
    expect(r.ok && r.envelope.version).toBe('1.2');
    expect(r.ok && r.envelope.fault).toEqual({ code: 'Receiver', reason: 'boom' });
  });

  it('tolerates other prefixes (real inbound message with NS1:/NS2: prefixes)', () => {
    const r = parseSoapEnvelope(fixture('cp-spi-staging/spi-in/spi-in-with-namespace-prefix.xml'));
    expect(r.ok && r.envelope.payload?.local).toBe('SubmitRequestMes');
  });

  it('refuses a DOCTYPE, non-XML and non-envelopes with coded problems', () => {
    const doctype = parseSoapEnvelope('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>');
    expect(!doctype.ok && doctype.problems[0]!.code).toBe('XML.DOCTYPE_FORBIDDEN');
    const html = parseSoapEnvelope('<html><body>502</body></html>');
    expect(!html.ok && html.problems[0]!.code).toBe('SOAP.NOT_ENVELOPE');
    const truncated = parseSoapEnvelope(buildSoap11Envelope('<A/>').slice(0, 60));
    expect(truncated.ok).toBe(false);
  });

  it('escapes and unescapes text, including character references', () => {
    expect(unescapeXml(escapeXml(`<a b="c">'&'</a>`))).toBe(`<a b="c">'&'</a>`);
    expect(unescapeXml('&#65;&#x42;&unknown;')).toBe('AB&unknown;');
  });
});
