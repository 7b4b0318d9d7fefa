import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { loadSamples, variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { devAuthHeaders } from '../../apps/gateway/src/auth/api-clients.js';

/**
 * The README's main command as a user runs it — `cp-bridge start` on embedded defaults (no
 * DATABASE_URL, no REDIS_URL) — as a real child process, so a test can SIGKILL it mid-traffic.
 */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export interface BridgeProcess {
  readonly child: ChildProcess;
  readonly base: string;
  output(): string;
  exited: Promise<number | null>;
}

export interface EmbeddedBridgeOptions {
  readonly dataDir: string;
  readonly port: number;
  /** Partner URLs (the simulators this test runs, so what they received outlives the bridge). */
  readonly partnerEnv: Record<string, string>;
  readonly prefix: string;
}

export async function startEmbeddedBridge(o: EmbeddedBridgeOptions): Promise<BridgeProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.partnerEnv, CP_BRIDGE_DATA_DIR: o.dataDir, CP_BRIDGE_QUEUE_PREFIX: o.prefix, LOG_LEVEL: 'error' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'start', '--variants', '0', '--port', String(o.port), '--simulators-port', String(await freePort())], { env });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Jest may force-exit after a timeout without running afterAll: never leave a bridge behind.
  const reap = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  const base = `http://127.0.0.1:${o.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const up = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bridge did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, base, output: () => out, exited };
}

export interface Accepted {
  readonly id: string;
  readonly partner: string;
}

/**
 * Posts sample hearing results, `concurrency` at a time, until `stop()` says so or the bridge stops
 * answering. Only what was answered 202 is owed: `accepted` holds it (live, while posting goes on).
 */
export function postTraffic(base: string, concurrency: number, stop: () => boolean): { accepted: Accepted[]; done: Promise<void> } {
  const samples = loadSamples();
  const accepted: Accepted[] = [];
  let n = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && !stop()) {
      const i = n++;
      const sample = samples[i % samples.length]!;
      try {
        const res = await fetch(`${base}/v1/hearing-results`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...devAuthHeaders() },
          body: JSON.stringify(variant(sample.body, 7_000_000 + i)),
        });
        const json = (await res.json()) as { notifications?: Accepted[] };
        if (res.status === 202) accepted.push(...(json.notifications ?? []).map((x) => ({ id: x.id, partner: x.partner })));
      } catch {
        failed = true; // the bridge went away mid-request: that one was never acknowledged
      }
    }
  };
  return { accepted, done: Promise.all(Array.from({ length: concurrency }, lane)).then(() => undefined) };
}
