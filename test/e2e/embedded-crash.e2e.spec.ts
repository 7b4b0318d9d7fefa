import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createSimulatorsApp } from '../../apps/simulators/src/simulators.app.js';
import { simulatorUrlEnv } from '../../apps/simulators/src/simulator-urls.js';
import { openDatabase, type LedgerDatabase } from '../../libs/ledger/src/index.js';
import { runningServer, stopEmbeddedServer } from '../../libs/ledger/src/embedded/embedded-server.js';
import { uniqueName } from '../support/harness.js';
import { type Accepted, type BridgeProcess, freePort, postTraffic, startEmbeddedBridge } from '../support/embedded-bridge.js';

type Sims = Awaited<ReturnType<typeof createSimulatorsApp>>;
const OWED = ['pending', 'in-flight', 'retrying', 'held'];

/**
 * The first promise on the embedded default (issue 22): `cp-bridge start` with nothing but Node,
 * SIGKILLed while the platform is posting, then started again. Everything answered 202 must be in
 * the ledger and end final; no partner may act on a notification twice; the backlog left by the
 * crash must drain at about the normal rate (stalled jobs and outbox rows resume promptly).
 */
describe('embedded default: SIGKILL mid-traffic, restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cpb-crash-'));
  const prefix = uniqueName('crash');
  let sims: Sims;
  let simsBase: string;
  let ledger: LedgerDatabase | undefined;
  let second: BridgeProcess;

  beforeAll(async () => {
    sims = await createSimulatorsApp({ logLevel: 'silent' });
    const simsPort = await freePort();
    await sims.listen(simsPort, '127.0.0.1');
    simsBase = `http://127.0.0.1:${simsPort}`;
  });
  afterAll(async () => {
    if (second?.child.exitCode === null) second.child.kill('SIGKILL');
    await ledger?.close();
    await sims.close();
    await stopEmbeddedServer(dataDir).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing answered 202, acts on nothing twice, and drains the backlog after restart', async () => {
    const port = await freePort();
    const options = { dataDir, port, prefix, partnerEnv: simulatorUrlEnv(simsBase) };
    const first = await startEmbeddedBridge(options);
    // Kill while requests are in the air: the lanes keep posting until the process is gone.
    const killAt = 240;
    const traffic = postTraffic(first.base, 8, () => false);
    while (traffic.accepted.length < killAt) await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    await Promise.all([first.exited, traffic.done]);
    const accepted = traffic.accepted;
    expect(accepted.length).toBeGreaterThanOrEqual(killAt);
    // The ledger's server outlived the bridge (its own session): the crash left it running.
    expect(runningServer(join(dataDir, 'postgres'))).toBeDefined();

    const restartedAt = Date.now();
    second = await startEmbeddedBridge(options);
    const upAfterMs = Date.now() - restartedAt;
    // A client beside the running bridge, as the CLI is.
    ledger = await openDatabase({ dataDir, log: () => undefined });
    const backlogAtRestart = await owed(ledger);
    const drained = await waitDrained(ledger, 180_000);
    const drainMs = Date.now() - restartedAt;

    // Every 202 is in the ledger. The ledger may hold a few more: requests it committed whose 202
    // the kill cut off (the platform would resend them and get `created: false`); they are owed too.
    const all = await allNotifications(ledger);
    expect(accepted.filter((a) => !all.has(a.id))).toEqual([]);
    const counts = countBy([...all.values()].map((n) => n.status));
    expect(counts.acknowledged).toBeGreaterThan(0);
    // Final: acknowledged, or needs-review by design (the CPS-without-ASN sample).
    expect(Object.keys(counts).filter((s) => s !== 'acknowledged' && s !== 'needs-review')).toEqual([]);
    expect(drained).toBe(true);

    // No partner acted twice: each holds exactly one distinct message per acknowledged notification.
    const duplicates = await expectOneEachAtPartners(simsBase, [...all.values()].filter((n) => n.status === 'acknowledged'));

    // The normal rate, same run, same bridge: as many notifications posted at once, time to drain them.
    const normalStart = Date.now();
    let sent: readonly Accepted[] = [];
    const batch = postTraffic(second.base, 8, () => sent.length >= all.size);
    sent = batch.accepted;
    await batch.done;
    expect(await waitDrained(ledger, 180_000)).toBe(true);
    const normalMs = Date.now() - normalStart;
    const crashRate = backlogAtRestart / ((drainMs - upAfterMs) / 1000);
    const normalRate = batch.accepted.length / (normalMs / 1000);
    console.log(
      `embedded crash run: ${accepted.length} answered 202 before SIGKILL (${all.size} in the ledger); restart to /health ${upAfterMs} ms; ` +
        `owed at restart ${backlogAtRestart}; backlog empty ${drainMs} ms after restart (${crashRate.toFixed(0)}/s once up); ` +
        `normal: ${batch.accepted.length} posted and delivered in ${normalMs} ms (${normalRate.toFixed(0)}/s); final ${JSON.stringify(counts)}; ` +
        `redeliveries the partners recognised as duplicates: ${duplicates}`,
    );
    // Of the order of the normal rate: nothing waits out a lock or a timer after the crash.
    expect(crashRate).toBeGreaterThan(normalRate / 3);
  }, 300_000);

  it('takes 20 rounds of quarantine, parked, reconcile and review commands beside it and stays healthy and intact', async () => {
    const before = await allNotifications(ledger!);
    const env: NodeJS.ProcessEnv = { ...process.env, CP_BRIDGE_DATA_DIR: dataDir, CP_BRIDGE_URL: second.base, LOG_LEVEL: 'error' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const commands = [['quarantine', 'list'], ['parked', 'list'], ['reconcile', '--json'], ['review', 'list']];
    const runs = Array.from({ length: 20 }, () => commands).flat();
    const results = await inParallel(runs, 4, (args) => runCli(args, env));
    const failed = results.filter((r) => r.code !== 0);
    expect(failed).toEqual([]);
    const reconciliation = JSON.parse(results.find((r) => r.args[0] === 'reconcile')!.out) as { unaccounted: number };
    expect(reconciliation.unaccounted).toBe(0);

    expect((await fetch(`${second.base}/health`)).ok).toBe(true);
    const after = await allNotifications(ledger!);
    expect(after).toEqual(before);
    // …and still takes and delivers work.
    let sent: readonly Accepted[] = [];
    const more = postTraffic(second.base, 2, () => sent.length >= 12);
    sent = more.accepted;
    await more.done;
    expect(await waitDrained(ledger!, 60_000)).toBe(true);
  }, 600_000);

  it('stops cleanly on SIGTERM, and stops the server it owns', async () => {
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(runningServer(join(dataDir, 'postgres'))).toBeUndefined();
  }, 60_000);
});

interface CliRun {
  args: string[];
  code: number | null;
  out: string;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], { env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ args, code, out }));
  });
}

async function inParallel<T, R>(items: readonly T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  }));
  return results;
}

async function owed(db: LedgerDatabase): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from notifications where status = any(${OWED})`.execute(db.db);
  return rows[0]?.n ?? 0;
}

async function waitDrained(db: LedgerDatabase, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await owed(db)) === 0) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function allNotifications(db: LedgerDatabase): Promise<Map<string, Accepted & { status: string }>> {
  const { rows } = await sql<{ id: string; partner: string; status: string }>`select id, partner, status from notifications`.execute(db.db);
  return new Map(rows.map((r) => [r.id, r]));
}

const countBy = (xs: string[]) => xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x]: (acc[x] ?? 0) + 1 }), {});

async function expectOneEachAtPartners(simsBase: string, acknowledged: readonly Accepted[]): Promise<number> {
  const byPartner = new Map<string, number>();
  for (const a of acknowledged) byPartner.set(a.partner, (byPartner.get(a.partner) ?? 0) + 1);
  let duplicates = 0;
  for (const [partner, n] of byPartner) {
    const stats = (await (await fetch(`${simsBase}/_sim/${partner}/stats`)).json()) as { unique: number; duplicates: number };
    expect({ partner, unique: stats.unique }).toEqual({ partner, unique: n });
    duplicates += stats.duplicates;
  }
  return duplicates;
}
