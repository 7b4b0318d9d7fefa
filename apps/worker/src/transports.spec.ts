import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractRegistry } from '../../../libs/contracts-kit/src/registry.js';
import type { PartnerSettings } from '../../../libs/contracts-kit/src/partner-config.js';
import { createTransport } from './transports.js';

/** A JSON partner that answers after `delayMs` and counts how many requests it holds at once. */
async function slowPartner(delayMs: number): Promise<{ server: Server; url: string; peak: () => number }> {
  let open = 0, peak = 0;
  const server = createServer((req, res) => {
    open++;
    peak = Math.max(peak, open);
    req.resume();
    setTimeout(() => {
      open--;
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: `R-${req.headers['idempotency-key']}` }));
    }, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/em`, peak: () => peak };
}

const settings = (url: string, concurrency: number, timeoutMs: number): PartnerSettings => ({
  name: 'electronic-monitoring', contract: 'electronic-monitoring@v1', routes: [], url, timeoutMs, concurrency, inFlight: 2 * concurrency,
  maxAttempts: 3, maxAgeMs: 60_000, backoffBaseMs: 10, backoffMaxMs: 100, breaker: { failuresToOpen: 10, halfOpenAfterMs: 1000 }, transientCodes: [], settings: {},
});

describe('createTransport', () => {
  let registry: ContractRegistry;
  beforeAll(async () => {
    registry = await ContractRegistry.discover();
  });

  it('calls the partner at most `concurrency` at a time, and a call waiting for a slot is not timed out by the wait', async () => {
    // Each call has 900 ms of slack on its own 1 s budget (a loaded CI machine once used 140 ms of
    // a 200 ms one), yet twelve waves of 100 ms through two slots outlast the budget as a whole.
    const partner = await slowPartner(100);
    const transport = createTransport(settings(partner.url, 2, 1_000), registry);
    try {
      const t0 = Date.now();
      const outcomes = await Promise.all(
        Array.from({ length: 24 }, (_, i) => transport.send({ payload: '{}', contentType: 'application/json', messageId: `m${i}` })),
      );
      // The last calls waited longer than the 1 s budget before they started, and were not timed out.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1_150);
      expect(outcomes.map((o) => o.kind)).toEqual(Array(24).fill('success'));
      expect(outcomes.map((o) => (o.kind === 'success' ? o.ackRef : ''))).toEqual(Array.from({ length: 24 }, (_, i) => `R-m${i}`));
      expect(partner.peak()).toBe(2);
    } finally {
      await transport.close();
      partner.server.close();
    }
  });

  it('still times out a call the partner itself holds too long', async () => {
    const partner = await slowPartner(300);
    const transport = createTransport(settings(partner.url, 1, 100), registry);
    try {
      const outcome = await transport.send({ payload: '{}', contentType: 'application/json', messageId: 'slow' });
      expect(outcome).toMatchObject({ kind: 'transport', code: 'PARTNER.TIMEOUT' });
    } finally {
      await transport.close();
      partner.server.closeAllConnections();
      partner.server.close();
    }
  });
});
