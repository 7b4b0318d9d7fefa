import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadSamples, variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { projectRoot } from '../../libs/contracts-kit/src/paths.js';
import { type Bridge, startBridge } from '../support/bridge.js';
import { waitUntil } from '../support/harness.js';

/**
 * The operations console in a real headless Chromium (Debian's package; nothing downloaded):
 * sign in, overview with real data, find by case URN, park → replay → acknowledged, viewer may
 * not replay, a review decided (dismissed with a reason), axe-core on every page, screenshots in
 * test-output/console.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = join(projectRoot, 'test-output', 'console');
const AXE = readFileSync(join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

describe('operations console (browser)', () => {
  let bridge: Bridge;
  let browser: Browser;
  const violations: Record<string, string[]> = {};
  const curfew = () => loadSamples().find((s) => s.name.startsWith('001'))!.body;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium; .ci/run does it) or set CHROMIUM_PATH`);
    }
    mkdirSync(SHOTS, { recursive: true });
    bridge = await startBridge();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  async function signIn(user: 'operator' | 'viewer'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${bridge.base}/console`);
    expect(page.url()).toContain('/console/login');
    await page.fill('#username', user);
    await page.fill('#password', `cpb-${user}-dev`);
    await Promise.all([page.waitForURL(/\/console$/), page.click('#sign-in')]);
    return { context, page };
  }

  /** axe-core in the page: no serious or critical violation. Then a full-page screenshot. */
  async function check(page: Page, name: string): Promise<void> {
    await page.addScriptTag({ content: AXE });
    const result = (await page.evaluate(async () => {
      const g = globalThis as unknown as { document: unknown; axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } };
      const r = await g.axe.run(g.document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    })) as { id: string; impact: string; help: string; targets: string[] }[];
    const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    violations[name] = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    expect(violations[name]).toEqual([]);
  }

  it('signs in and shows the overview with real data, and finds a notification by case URN', async () => {
    const body = variant(curfew(), 8101) as { hearing: { prosecutionCases: { prosecutionCaseIdentifier: { caseURN: string } }[] } };
    const urn = body.hearing.prosecutionCases[0]!.prosecutionCaseIdentifier.caseURN;
    const posted = await bridge.post(body);
    expect(posted.status).toBe(202);
    for (const n of posted.json.notifications as { id: string }[]) {
      await waitUntil(async () => ((await bridge.notification(n.id)).status === 'acknowledged' ? true : undefined), 30_000, `ack of ${n.id}`);
    }
    const { context, page } = await signIn('operator');
    await expect(page.locator('h1').textContent()).resolves.toContain('What is owed');
    const police = page.locator('tr[data-partner="police"] [data-field="acknowledged-today"]');
    expect(Number(await police.textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('tr[data-partner="police"] [data-field="breaker"]').textContent()).toContain('closed');
    expect(await page.locator('svg.cpb-chart').count()).toBe(1);
    await check(page, 'overview');

    await page.click('a[href="/console/find"]');
    await page.fill('#q', urn);
    await Promise.all([page.waitForURL(/\/console\/find\?q=/), page.click('#search')]);
    const links = page.locator('#results a');
    expect(await links.count()).toBe((posted.json.notifications as unknown[]).length);
    await check(page, 'find');
    await Promise.all([page.waitForURL(/\/console\/notifications\//), links.first().click()]);
    expect(await page.locator('#status').textContent()).toContain('acknowledged');
    expect(await page.locator('#timeline [data-kind="accepted"]').count()).toBe(1);
    expect(await page.locator('#timeline [data-kind="ack"]').count()).toBe(1);
    await check(page, 'notification');
    await context.close();
  }, 120_000);

  it('parks a notification when the partner refuses it, replays it from the console and shows it acknowledged', async () => {
    await bridge.fault('police', { rejectCode: 1310 });
    const posted = await bridge.post(variant(curfew(), 8102));
    const police = (posted.json.notifications as { id: string; partner: string }[]).find((n) => n.partner === 'police')!;
    await waitUntil(async () => ((await bridge.notification(police.id)).status === 'parked' ? true : undefined), 30_000, 'parking');
    await bridge.fault('police', null);

    const { context, page } = await signIn('operator');
    await page.goto(`${bridge.base}/console/parked?partner=police`);
    expect(await page.locator(`tr[data-id="${police.id}"]`).textContent()).toContain('CJSE.RESPONSE_1310');
    await check(page, 'parked');
    await Promise.all([page.waitForURL(/\/console\/parked\/replay\?/), page.click(`tr[data-id="${police.id}"] a[href*="replay"]`)]);
    expect(await page.locator('#affected').textContent()).toBe('1');
    await check(page, 'replay-confirm');
    await Promise.all([page.waitForURL(/\/console\/parked\/replay$/), page.click('#confirm-replay')]);
    expect(await page.locator('#replay-result').textContent()).toContain('Replayed 1');
    await check(page, 'replay-done');
    await waitUntil(async () => ((await bridge.notification(police.id)).status === 'acknowledged' ? true : undefined), 30_000, 'ack after replay');
    await page.goto(`${bridge.base}/console/notifications/${police.id}`);
    expect(await page.locator('#status').textContent()).toContain('acknowledged');
    const replayed = page.locator('#timeline [data-kind="action"]');
    expect(await replayed.textContent()).toContain('console:operator');
    await check(page, 'notification-replayed');
    await context.close();
  }, 120_000);

  it('lets a viewer look but not replay', async () => {
    await bridge.fault('police', { rejectCode: 1310 });
    const posted = await bridge.post(variant(curfew(), 8103));
    const police = (posted.json.notifications as { id: string; partner: string }[]).find((n) => n.partner === 'police')!;
    await waitUntil(async () => ((await bridge.notification(police.id)).status === 'parked' ? true : undefined), 30_000, 'parking');
    await bridge.fault('police', null);

    const { context, page } = await signIn('viewer');
    await page.goto(`${bridge.base}/console/parked`);
    expect(await page.locator(`tr[data-id="${police.id}"]`).count()).toBe(1);
    expect(await page.locator('#replay-batch').count()).toBe(0);
    const confirm = await page.goto(`${bridge.base}/console/parked/replay?ids=${police.id}`);
    expect(confirm?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toContain('You cannot replay');
    await check(page, 'viewer-forbidden');
    // A forged form post is refused too, and nothing changes.
    const res = await page.request.post(`${bridge.base}/console/parked/replay`, { form: { ids: police.id, _csrf: 'x' } });
    expect(res.status()).toBe(403);
    expect((await bridge.notification(police.id)).status).toBe('parked');
    await context.close();
  }, 120_000);

  it('shows what needs a decision, the evidence, and lets an operator dismiss it with a reason (viewers only look)', async () => {
    const cps = loadSamples().find((s) => s.name.startsWith('003'))!.body;
    const ids = await Promise.all([8201, 8202].map(async (n) => ((await bridge.post(variant(cps, n))).json.notifications as { id: string }[])[0]!.id));
    const [first, second] = ids as [string, string];
    // A later result for the first one's case and defendant that the rules can route: held behind it.
    const later = structuredClone(variant(cps, 8201)) as Record<string, any>;
    later.sharedTime = new Date(Date.now() + 60_000).toISOString();
    later.hearing.prosecutionCases[0].defendants[0].personDefendant.arrestSummonsNumber = '2600000000000008201K';
    const successor = ((await bridge.post(later)).json.notifications as { id: string }[])[0]!.id;
    await waitUntil(async () => ((await bridge.notification(successor)).status === 'held' ? true : undefined), 30_000, 'successor held');
    const { context, page } = await signIn('operator');
    expect(Number(await page.locator('tr[data-partner="police"] [data-field="needs-review"]').textContent().then((t) => t?.match(/\d+/)?.[0]))).toBeGreaterThanOrEqual(2);
    await page.goto(`${bridge.base}/console/reviews?partner=police`);
    expect(await page.locator(`#reviews tr[data-id="${first}"]`).textContent()).toContain('CPS case without an arrest/summons number');
    expect(await page.locator(`#reviews tr[data-id="${first}"] [data-field="held"]`).textContent()).toBe('1');
    await check(page, 'reviews');
    await Promise.all([page.waitForURL(new RegExp(`/console/notifications/${first}$`)), page.click(`#reviews tr[data-id="${first}"] a`)]);
    expect(await page.locator('#evidence').textContent()).toContain('$.hearing.prosecutionCases[0].prosecutionCaseIdentifier.prosecutionAuthorityCode');
    expect(await page.locator('#waiting').textContent()).toContain(successor);
    await check(page, 'notification-needs-review');
    await page.goto(`${bridge.base}/console/notifications/${successor}`);
    expect(await page.locator('#status').textContent()).toContain('held');
    expect(await page.locator(`#held a[href="/console/notifications/${first}"]`).count()).toBe(1);
    await page.goto(`${bridge.base}/console/notifications/${first}`);
    // Without a reason the server refuses (the browser's own check aside) and nothing changes.
    const csrf = await page.locator('#dismiss-form input[name="_csrf"]').inputValue();
    const bare = await page.request.post(`${bridge.base}/console/notifications/${first}/review`, { form: { _csrf: csrf, decision: 'dismiss', reason: ' ' } });
    expect(bare.status()).toBe(400);
    expect((await bridge.notification(first)).status).toBe('needs-review');
    await page.fill('#dismiss-reason', 'police told directly by the CPS');
    await Promise.all([page.waitForURL(/decided=dismiss$/), page.click('#dismiss')]);
    expect(await page.locator('#status').textContent()).toContain('dismissed');
    expect(await page.locator('#decision').textContent()).toContain('console:operator');
    expect(await page.locator('#send-form').count()).toBe(0);
    expect(await page.locator('#timeline [data-kind="decision"]').textContent()).toContain('police told directly by the CPS');
    await check(page, 'notification-dismissed');
    await waitUntil(async () => ((await bridge.notification(successor)).status === 'acknowledged' ? true : undefined), 30_000, 'successor released and delivered');
    const again = await page.request.post(`${bridge.base}/console/notifications/${first}/review`, { form: { _csrf: csrf, decision: 'send' } });
    expect(again.status()).toBe(409);
    await context.close();

    const viewer = await signIn('viewer');
    await viewer.page.goto(`${bridge.base}/console/notifications/${second}`);
    expect(await viewer.page.locator('#review-reason').count()).toBe(1);
    expect(await viewer.page.locator('#send-form, #dismiss-form').count()).toBe(0);
    const forged = await viewer.page.request.post(`${bridge.base}/console/notifications/${second}/review`, { form: { _csrf: 'x', decision: 'send' } });
    expect(forged.status()).toBe(403);
    expect((await bridge.notification(second)).status).toBe('needs-review');
    await viewer.context.close();
  }, 120_000);

  it('shows quarantine, contracts, reconciliation (with CSV) and the queues, each accessible', async () => {
    const { context, page } = await signIn('operator');
    // By defendant: the sample's PNC id (kept by every variant) finds notifications.
    await page.goto(`${bridge.base}/console/find?q=${encodeURIComponent('2019/0123456X')}`);
    expect(await page.locator('#results a').count()).toBeGreaterThanOrEqual(2);
    await page.goto(`${bridge.base}/console/quarantine`);
    await check(page, 'quarantine');
    await page.goto(`${bridge.base}/console/contracts`);
    expect(await page.locator('#pins').textContent()).toContain('police-results@v1');
    await check(page, 'contracts');
    await page.goto(`${bridge.base}/console/reconciliation`);
    expect(await page.locator('#reconciliation').textContent()).toContain('police');
    await check(page, 'reconciliation');
    const csv = await page.request.get(`${bridge.base}/console/reconciliation.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(/^partner,day,obligated,acknowledged,in_flight,parked,needs_review,dismissed,overdue,unaccounted\r\n/);
    await page.goto(`${bridge.base}/console`);
    await check(page, 'overview-after-faults');
    // The README's picture is refreshed only when asked (a test run leaves tracked files alone).
    if (process.env.CP_BRIDGE_UPDATE_DOCS === '1') copyFileSync(join(SHOTS, 'overview-after-faults.png'), join(projectRoot, 'docs', 'console-overview.png'));
    const board = await page.goto(`${bridge.base}/console/queues/`);
    expect(board?.status()).toBe(200);
    await page.waitForSelector('text=partner-police', { timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'queues.png'), fullPage: true });
    await context.close();
    // Without a session, the queues and their API are closed.
    const anon = await fetch(`${bridge.base}/console/queues/api/queues`);
    expect(anon.status).toBe(401);
  }, 120_000);
});
