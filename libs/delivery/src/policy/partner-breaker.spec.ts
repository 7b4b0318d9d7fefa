import type { DeliveryOutcome, PartnerTransport } from '../outcome.js';
import { PartnerBreaker } from './partner-breaker.js';

function scripted(outcomes: DeliveryOutcome[]): PartnerTransport & { calls: number } {
  const t = {
    calls: 0,
    async send() {
      t.calls++;
      return outcomes[Math.min(t.calls - 1, outcomes.length - 1)]!;
    },
    async close() {},
  };
  return t;
}
const fail: DeliveryOutcome = { kind: 'transport', code: 'PARTNER.HTTP_503', message: '503' };
const ok: DeliveryOutcome = { kind: 'success', ackRef: 'R1' };
const no: DeliveryOutcome = { kind: 'business', code: 'PARTNER.REJECTED', message: 'no' };
const msg = { payload: '<x/>', contentType: 'text/xml', messageId: 'm1' };

describe('PartnerBreaker', () => {
  it('opens after consecutive transport failures and then refuses without calling the partner', async () => {
    const breaker = new PartnerBreaker('police', { failuresToOpen: 3, halfOpenAfterMs: 60_000 });
    const t = scripted([fail]);
    for (let i = 0; i < 3; i++) expect((await breaker.send(t, msg)).kind).toBe('transport');
    expect(breaker.state).toBe('open');
    const refused = await breaker.send(t, msg);
    expect(refused).toEqual({ kind: 'circuit-open', retryAfterMs: 60_000 });
    expect(t.calls).toBe(3);
  });

  it('does not count business rejections as failures', async () => {
    const breaker = new PartnerBreaker('em', { failuresToOpen: 2, halfOpenAfterMs: 60_000 });
    const t = scripted([no]);
    for (let i = 0; i < 5; i++) expect((await breaker.send(t, msg)).kind).toBe('business');
    expect(breaker.state).toBe('closed');
  });

  it('probes when half-open and closes again on success', async () => {
    const breaker = new PartnerBreaker('em', { failuresToOpen: 1, halfOpenAfterMs: 50 });
    const states: string[] = [];
    breaker.onChange((s) => states.push(s));
    const t = scripted([fail, ok]);
    await breaker.send(t, msg);
    expect(breaker.state).toBe('open');
    await new Promise((r) => setTimeout(r, 80));
    expect(await breaker.send(t, msg)).toEqual(ok);
    expect(breaker.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });
});
