import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixturesRoot } from '../../contracts-kit/src/paths.js';
import { buildSubmitResponseMes, classifyCjseResponse, CJSE_RESPONSE_CODES, parseCjseReply, parseRouteDataResp } from './cjse-response.js';
import { buildSoap11Envelope, buildSoap11Fault } from './soap11-envelope.js';

const fixture = (rel: string) => readFileSync(resolve(fixturesRoot(), 'cp-spi-staging/cjse-responses', rel), 'utf8');

describe('CJSE responses (real fixtures, read in place)', () => {
  it('reads CjseResponse.xml: ResponseCode 1 Success with RequestID', () => {
    expect(parseCjseReply(fixture('CjseResponse.xml'))).toEqual({
      kind: 'response',
      response: { responseCode: 1, responseText: 'Success', requestId: '609bd904-2a1b-11e9-8daf-7f0000010000' },
    });
  });

  it('reads xmlResponseExample.xml (no RequestID): success acknowledged with the RequestID we sent', () => {
    const r = parseCjseReply(fixture('xmlResponseExample.xml'));
    expect(r).toEqual({ kind: 'response', response: { responseCode: 1 } });
    if (r.kind !== 'response') throw new Error('unreachable');
    expect(classifyCjseResponse(r.response, { sentRequestId: 'ours' })).toMatchObject({ kind: 'success', ackRef: 'ours' });
  });

  it('reads the async RouteDataResp FatalError 1310 UnusableDataStream', () => {
    expect(parseRouteDataResp(fixture('async-response-from-cjse.xml'))).toEqual({
      ok: true,
      correlationId: 'CORRELATION_ID',
      statuses: [{ statusClass: 'FatalError', code: 1310, description: 'UnusableDataStream', routeId: '001' }],
    });
  });

  it('round-trips the simulator reply shape', () => {
    const xml = buildSoap11Envelope(buildSubmitResponseMes({ requestId: 'r-1', responseCode: 1310, responseText: 'UnusableDataStream' }));
    expect(parseCjseReply(xml)).toEqual({ kind: 'response', response: { responseCode: 1310, responseText: 'UnusableDataStream', requestId: 'r-1' } });
  });

  it('reports faults and unreadable replies distinctly', () => {
    expect(parseCjseReply(buildSoap11Fault('Server', 'x'))).toMatchObject({ kind: 'fault', fault: { code: 'Server' } });
    expect(parseCjseReply('')).toMatchObject({ kind: 'unreadable' });
    expect(parseCjseReply('<html/>')).toMatchObject({ kind: 'unreadable' });
    expect(parseCjseReply(buildSoap11Envelope('<Other xmlns="urn:x"/>'))).toMatchObject({ kind: 'unreadable' });
  });

  it.each(Object.entries(CJSE_RESPONSE_CODES).filter(([c]) => c !== '1'))('documented code %s is a business rejection', (code) => {
    expect(classifyCjseResponse({ responseCode: Number(code), requestId: 'r' }, { sentRequestId: 'r' })).toMatchObject({ kind: 'business', code: `CJSE.RESPONSE_${code}` });
  });

  it('undocumented codes are business (flagged), unless configured transient', () => {
    const out = classifyCjseResponse({ responseCode: 9999 }, { sentRequestId: 'r' });
    expect(out).toMatchObject({ kind: 'business', code: 'CJSE.RESPONSE_9999' });
    expect((out as { message: string }).message).toContain('undocumented');
    expect(classifyCjseResponse({ responseCode: 9999 }, { sentRequestId: 'r', transientCodes: new Set([9999]) })).toMatchObject({ kind: 'transport' });
  });
});
