import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadSamples, variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { projectRoot } from '../../libs/contracts-kit/src/paths.js';
import { type Bridge, startBridge } from '../support/bridge.js';
import { waitUntil } from '../support/harness.js';

type Body = Record<string, any>;

/**
 * Issue 22 item 4 over real PostgreSQL, Redis, simulators and HTTP: what the routing rules cannot
 * decide waits for a person, who sends or dismisses it (API and CLI); its successors are held and
 * released; reconciliation counts it in its own columns.
 */
describe('review: a person decides', () => {
  let bridge: Bridge;
  const cps = () => loadSamples().find((s) => s.name.startsWith('003'))!.body as Body;
  /** Sample 003 (CPS, no ASN → police needs-review) and a later result for the same case and defendant that the police rule can decide (an ASN). */
  const pair = (n: number, opts: { mappable?: boolean } = {}) => {
    const first = variant(cps(), n);
    const asn = `2600000000000000${n}`.slice(-19) + 'K';
    if (opts.mappable) {
      // A prosecutor the rule does not know (still needs review) with the ASN the police message needs.
      first.hearing.prosecutionCases[0].prosecutionCaseIdentifier.prosecutionAuthorityCode = 'NCA';
      first.hearing.prosecutionCases[0].defendants[0].personDefendant.arrestSummonsNumber = asn;
    }
    const later = structuredClone(first);
    later.sharedTime = new Date(Date.now() + 60_000).toISOString();
    later.hearing.prosecutionCases[0].prosecutionCaseIdentifier.prosecutionAuthorityCode = 'CPS';
    later.hearing.prosecutionCases[0].defendants[0].personDefendant.arrestSummonsNumber = asn;
    return { first, later };
  };
  const settle = (id: string, statuses: string[], ms = 20_000) =>
    waitUntil(async () => {
      const n = await bridge.notification(id);
      return statuses.includes(n.status) ? n : undefined;
    }, ms, `${id} → ${statuses.join('|')}`);
  /** Posts the pair; returns the review item's id and its successor's, once the successor is held. */
  const heldPair = async (n: number, opts: { mappable?: boolean } = {}) => {
    const { first, later } = pair(n, opts);
    const [review] = (await bridge.post(first)).json.notifications as { id: string; status: string }[];
    expect(review!.status).toBe('needs-review');
    const [successor] = (await bridge.post(later)).json.notifications as { id: string; status: string }[];
    expect(successor!.status).toBe('pending');
    const held = await settle(successor!.id, ['held']);
    expect(held.orderKey).toBe((await bridge.notification(review!.id)).orderKey);
    expect(held.holdReason).toBe(`held behind ${review!.id} (needs-review)`);
    return { review: review!.id, successor: successor!.id };
  };
  const decide = (id: string, body: unknown, headers?: Record<string, string>) => bridge.api(`/v1/notifications/${id}/review`, { method: 'POST', body, headers });

  beforeAll(async () => {
    // Keys for this gateway only: the dev key with the operator scope, and a platform-only client.
    process.env.CP_BRIDGE_API_KEYS = 'platform-dev:platform:operator=cpb-dev-key,court-feed=court-feed-key';
    try {
      bridge = await startBridge();
    } finally {
      delete process.env.CP_BRIDGE_API_KEYS;
    }
  }, 60_000);
  afterAll(async () => bridge?.close());

  it('lists the item with the evidence the rule found and its held successor; dismiss (reason required) releases the successor at once', async () => {
    const { review, successor } = await heldPair(701);
    const list = (await bridge.api('/v1/reviews?partner=police')).json;
    const item = list.items.find((i: { id: string }) => i.id === review);
    expect(item).toMatchObject({
      partner: 'police', contract: expect.stringMatching(/^police-results@v\d$/), caseUrn: expect.any(String), heldSuccessors: 1,
      reason: expect.stringMatching(/CPS case without an arrest\/summons number/),
      evidence: [
        { code: 'ROUTE.POLICE_UNDECIDED', path: '$.hearing.prosecutionCases[0].prosecutionCaseIdentifier.prosecutionAuthorityCode', detail: 'prosecuting authority CPS' },
        { code: 'ROUTE.POLICE_UNDECIDED', path: '$.hearing.prosecutionCases[0].prosecutionCaseIdentifier.prosecutionAuthorityOUCode', detail: 'no OU code' },
      ],
      createdAt: expect.any(String), deadlineAt: expect.any(String),
    });
    expect((await bridge.api('/v1/reviews?minAge=1h')).json.items.some((i: { id: string }) => i.id === review)).toBe(false);
    expect((await bridge.api('/v1/reviews?minAge=soon')).json).toMatchObject({ code: 'PAYLOAD.INVALID', problems: [{ path: 'query.minAge' }] });

    const noReason = await decide(review, { decision: 'dismiss' });
    expect(noReason.status).toBe(400);
    expect(noReason.json).toMatchObject({ code: 'PAYLOAD.INVALID', problems: [{ code: 'REVIEW.REASON_REQUIRED', path: '$.reason' }] });
    expect((await decide(review, { decision: 'maybe' })).json.problems).toEqual([expect.objectContaining({ code: 'REVIEW.DECISION_INVALID', path: '$.decision' })]);

    const dismissed = await decide(review, { decision: 'dismiss', reason: 'police already told by the CPS', actor: 'someone-else' }, { 'x-actor': 'mallory' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.json).toEqual({ id: review, decision: 'dismiss', status: 'dismissed', released: [successor] });
    const view = await bridge.notification(review);
    expect(view.status).toBe('dismissed');
    // Who decided is the client the key belongs to, whatever header or body field says otherwise.
    expect(view.review.decision).toMatchObject({ decision: 'dismiss', reason: 'police already told by the CPS', decidedBy: 'api:platform-dev' });
    expect((await settle(successor, ['acknowledged'])).holdReason).toBeNull();

    const again = await decide(review, { decision: 'send' });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('REVIEW.NOT_PENDING');
    const unknown = await decide('no-such-notification', { decision: 'send' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('NOTIFICATION.NOT_FOUND');
  }, 60_000);

  it('send maps it with the pinned contract and delivers it the normal way; the successor follows after its acknowledgement', async () => {
    const { review, successor } = await heldPair(702, { mappable: true });
    const sent = await decide(review, { decision: 'send', reason: 'force confirmed by phone' });
    expect(sent.json).toMatchObject({ status: 'pending', released: [] });
    const done = await settle(review, ['acknowledged', 'parked']);
    expect(done).toMatchObject({ status: 'acknowledged', ackRef: expect.any(String), lastError: null });
    expect(done.review.decision).toMatchObject({ decision: 'send', reason: 'force confirmed by phone', decidedBy: 'api:platform-dev' });
    const next = await settle(successor, ['acknowledged']);
    expect(new Date(next.acknowledgedAt).getTime()).toBeGreaterThanOrEqual(new Date(done.acknowledgedAt).getTime());
    const received = (await (await fetch(`${bridge.simBase}/_sim/police/received?limit=50`)).json()) as { items: { messageId: string; seq: number; valid: boolean }[] };
    const seqOf = (id: string) => Math.max(...received.items.filter((m) => m.messageId === id && m.valid).map((m) => m.seq));
    expect(seqOf(review)).toBeLessThan(seqOf(successor));
  }, 60_000);

  it('send of one the contract cannot map parks it with its code: the normal path, visible, never dropped', async () => {
    const { first } = pair(706);
    const [review] = (await bridge.post(first)).json.notifications as { id: string }[];
    await decide(review!.id, { decision: 'send' });
    const parked = await settle(review!.id, ['parked']);
    expect(parked.lastError.code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
    expect((await bridge.api('/v1/parked?partner=police')).json.some((p: { id: string }) => p.id === review!.id)).toBe(true);
  }, 60_000);

  it('a client without the operator scope may list but not decide; concurrent decisions: exactly one wins', async () => {
    const { first } = pair(703);
    const [review] = (await bridge.post(first)).json.notifications as { id: string }[];
    const platformOnly = { authorization: 'Bearer court-feed-key' };
    expect((await bridge.api('/v1/reviews', { headers: platformOnly })).status).toBe(200);
    const refused = await decide(review!.id, { decision: 'send' }, platformOnly);
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('AUTH.SCOPE_REQUIRED');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => decide(review!.id, i % 2 ? { decision: 'send' } : { decision: 'dismiss', reason: `duplicate ${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
  }, 60_000);

  it('reconciliation shows awaiting a person and dismissed in their own columns, adding up to obligated', async () => {
    const { first } = pair(704);
    await bridge.post(first);
    const report = (await bridge.api('/v1/reconciliation')).json as { rows: Record<string, number>[]; unaccounted: number };
    const police = report.rows.filter((r) => (r as unknown as { partner: string }).partner === 'police');
    expect(police.reduce((n, r) => n + r.needsReview!, 0)).toBeGreaterThanOrEqual(1);
    expect(police.reduce((n, r) => n + r.dismissed!, 0)).toBeGreaterThanOrEqual(1);
    for (const r of report.rows) expect(r.acknowledged! + r.inFlight! + r.parked! + r.needsReview! + r.dismissed!).toBe(r.obligated);
  }, 30_000);

  it('the CLI lists and decides through the gateway API', async () => {
    if (!existsSync(`${projectRoot}/dist/apps/cli/src/main.js`)) spawnSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit' });
    const { first } = pair(705);
    const [review] = (await bridge.post(first)).json.notifications as { id: string }[];
    // Not spawnSync: the gateway answering the CLI runs in this process.
    const cli = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'review', ...args], { cwd: projectRoot, env: { ...process.env, NODE_OPTIONS: '', CP_BRIDGE_URL: bridge.base, CP_BRIDGE_API_KEY: 'cpb-dev-key' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const listed = await cli('list', '--partner', 'police');
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(review!.id);
    expect(listed.stdout).toContain('ROUTE.POLICE_UNDECIDED');
    const noReason = await cli('dismiss', review!.id);
    expect(noReason.status).not.toBe(0);
    expect(noReason.stderr).toMatch(/--reason/);
    const dismissed = await cli('dismiss', review!.id, '--reason', 'duplicate of an earlier result');
    expect(dismissed.stdout).toContain('dismissed');
    expect(dismissed.status).toBe(0);
    const twice = await cli('send', review!.id);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain('REVIEW.NOT_PENDING');
    expect((await bridge.notification(review!.id)).review.decision).toMatchObject({ decidedBy: 'api:platform-dev', reason: 'duplicate of an earlier result' });
  }, 90_000);
});
