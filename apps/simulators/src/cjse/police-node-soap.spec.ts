import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import soap from 'soap';
import { createSimulatorsApp } from '../simulators.app.js';
import { fixture, VALID_OI_PAYLOAD } from './cjse-sample-messages.js';

/**
 * Interop check: a stock node-soap client built from the WSDL the simulator serves (the real
 * spi.wsdl, read in place, address rewritten) can submit, so the simulator tolerates a
 * third-party envelope layout and its replies satisfy a WSDL-driven client.
 */
describe('CJSE simulator ⇄ node-soap client from the served WSDL', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    app = await createSimulatorsApp({ logLevel: 'silent' });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the WSDL with its address pointing at the simulator', async () => {
    const wsdl = await (await fetch(`${base}/cjse/spi?wsdl`)).text();
    expect(wsdl).toContain(`location="${base}/cjse/spi"`);
    expect(wsdl).not.toContain('replace_url');
  });

  it('submit (SubmitRequestMes) answers ResponseCode 1 with the RequestID, and a resend the same', async () => {
    const client = await soap.createClientAsync(`${base}/cjse/spi?wsdl`);
    const args = {
      RequestID: 'node-soap-1',
      SourceID: 'C00CommonPlatform',
      DestinationID: ['Z00CJSE'],
      ExecMode: 'ASYNCH',
      Timestamp: '2026-11-02T10:00:00Z',
      // node-soap escapes the string itself: the RouteData goes over escaped once, as the WSDL wants.
      Message: fixture(VALID_OI_PAYLOAD),
    };
    const [result] = (await client.submitAsync(args)) as [{ RequestID: string; ResponseCode: number | string; ResponseText?: string }];
    expect(Number(result.ResponseCode)).toBe(1);
    expect(result.RequestID).toBe('node-soap-1');
    expect(result.ResponseText).toBe('Success');

    const [again] = (await client.submitAsync(args)) as [{ ResponseCode: number | string }];
    expect(Number(again.ResponseCode)).toBe(1);
    const stats = (await (await fetch(`${base}/_sim/police/stats`)).json()) as { unique: number; duplicates: number };
    expect(stats).toMatchObject({ unique: 1, duplicates: 1 });
  });
});
