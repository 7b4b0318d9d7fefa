import { variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { type Bridge, startBridge } from '../support/bridge.js';
import { waitUntil } from '../support/harness.js';
import { expectStillServing, sample, settle } from './hostile-support.js';

/**
 * Issue 4 item 10 — broken partner replies. The bridge is the client here: a reply it cannot read
 * (HTML with 200, an empty 200, a reply cut in half, no reply at all) is never taken as an
 * acknowledgement. The attempt records the specific code, the notification stays owed and is
 * retried (the partner dedupes by message id), the other partner of the same hearing is delivered
 * meanwhile, and new platform traffic is accepted.
 */
describe('hostile input: partner replies', () => {
  let bridge: Bridge;
  let n = 40_000;

  beforeAll(async () => {
    bridge = await startBridge({ partners: { police: { timeoutMs: 1500 }, 'electronic-monitoring': { timeoutMs: 1500 } } });
  }, 60_000);
  afterAll(async () => bridge?.close());
  afterEach(async () => {
    await bridge.fault('police', null);
    await bridge.fault('electronic-monitoring', null);
  });

  it.each([
    ['police', 'HTML with 200', 'PARTNER.UNREADABLE_REPLY', { htmlReply: true }],
    ['police', 'an empty 200', 'PARTNER.UNREADABLE_REPLY', { emptyReply: true }],
    ['police', 'a truncated reply (message processed, reply cut)', 'PARTNER.UNREADABLE_REPLY', { truncatedReply: true }],
    ['police', 'no answer at all', 'PARTNER.TIMEOUT', { timeout: true }],
    ['electronic-monitoring', 'HTML with 200', 'PARTNER.UNREADABLE_REPLY', { htmlReply: true }],
    ['electronic-monitoring', 'an empty 200', 'PARTNER.UNREADABLE_REPLY', { emptyReply: true }],
    ['electronic-monitoring', 'a truncated reply (message processed, reply cut)', 'PARTNER.UNREADABLE_REPLY', { truncatedReply: true }],
    ['electronic-monitoring', 'no answer at all', 'PARTNER.TIMEOUT', { timeout: true }],
  ])('%s answers %s → attempt coded %s, retried, never silently acknowledged', async (partner, _what, code, fault) => {
    await bridge.fault(partner, fault);
    const posted = await bridge.post(variant(sample('001'), n++)); // police + electronic monitoring
    expect(posted.status).toBe(202);
    const target = posted.json.notifications.find((x: { partner: string }) => x.partner === partner);
    const other = posted.json.notifications.find((x: { partner: string }) => x.partner !== partner);
    expect(target && other).toBeTruthy();

    const failed = await waitUntil(async () => {
      const v = await bridge.notification(target.id);
      return v.attempts.some((a: { errorCode: string | null }) => a.errorCode === code) ? v : undefined;
    }, 20_000, `${partner} attempt coded ${code}`);
    const coded = failed.attempts.find((a: { errorCode: string | null }) => a.errorCode === code);
    expect(coded.outcome).not.toBe('success');
    expect(coded.ackRef).toBeNull();
    expect(failed.status).not.toBe('acknowledged');
    // The other partner of the same hearing, and new platform traffic, are not held up.
    await settle(bridge, other.id, ['acknowledged'], 20_000);
    await expectStillServing(bridge);
    // Still owed while the partner keeps answering badly.
    expect((await bridge.notification(target.id)).status).not.toBe('acknowledged');

    await bridge.fault(partner, null);
    const done = await settle(bridge, target.id, ['acknowledged'], 60_000);
    expect(done.attempts.length).toBeGreaterThanOrEqual(2);
    expect(done.attempts.at(-1)).toMatchObject({ outcome: 'success', errorCode: null });
    expect(done.ackRef).toEqual(expect.any(String));
  }, 120_000);
});
