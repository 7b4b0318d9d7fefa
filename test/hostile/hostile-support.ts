import { createHash } from 'node:crypto';
import pg from 'pg';
import { loadSamples, variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { devAuthHeaders } from '../../apps/gateway/src/auth/api-clients.js';
import type { Bridge } from '../support/bridge.js';
import { DATABASE_URL, waitUntil } from '../support/harness.js';

/** Shared pieces of the hostile-input suite (issue 4 item 10). */
export const sample = (prefix: string): Record<string, any> => structuredClone(loadSamples().find((s) => s.name.startsWith(prefix))!.body) as Record<string, any>;
/** Builds valid hearing results (sample 001, a new variant each time) with one edit, as JSON text. */
export const sampleEditor = (next: () => number) => (edit: (b: Record<string, any>) => void): string => {
  const b = variant(sample('001'), next());
  edit(b);
  return JSON.stringify(b);
};
export const pc = (b: Record<string, any>) => b.hearing.prosecutionCases[0];
export const def = (b: Record<string, any>) => pc(b).defendants[0];
export const result = (b: Record<string, any>) => def(b).offences[0].judicialResults[0];
/** JSON path of the first case, as problems report it. */
export const P = '$.hearing.prosecutionCases[0]';
export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export interface Raw {
  readonly status: number;
  readonly json: any;
}

/** POST /v1/hearing-results with exact bytes and headers (the dev key unless `auth: false`). */
export async function postRaw(bridge: Bridge, body: Buffer | string | undefined, headers: Record<string, string> = {}, auth = true): Promise<Raw> {
  const res = await fetch(`${bridge.base}/v1/hearing-results`, {
    method: 'POST',
    headers: { ...(auth ? devAuthHeaders() : {}), ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: res.status, json };
}

let variants = 9000;
/** A valid, never-seen hearing result posted normally: the service must still answer 202 created. */
export async function validPost(bridge: Bridge): Promise<Raw> {
  return bridge.post(variant(sample('002'), variants++));
}

export async function expectStillServing(bridge: Bridge, concurrent?: Raw): Promise<void> {
  for (const r of [concurrent, await validPost(bridge)]) {
    if (!r) continue;
    if (r.status !== 202 || r.json.created !== true) throw new Error(`a valid request was not served: ${r.status} ${JSON.stringify(r.json)}`);
  }
}

/** One quarantine entry with its raw bytes. */
export async function quarantined(bridge: Bridge, id: string): Promise<{ endpoint: string; sender: string; layer: string; code: string; problems: { code: string; path: string; message: string }[]; raw: Buffer; rawBytes: number; status: string }> {
  const { status, json } = await bridge.api(`/v1/quarantine/${id}`);
  if (status !== 200) throw new Error(`quarantine ${id}: ${status} ${JSON.stringify(json)}`);
  return { ...json, raw: Buffer.from(json.rawBase64 as string, 'base64') };
}

/** The inbound quarantine entry holding exactly these bytes under this code (SOAP faults carry no id). */
export async function inboundQuarantined(bridge: Bridge, code: string, body: Buffer | string) {
  const hash = sha256(body);
  const item = await waitUntil(async () => {
    const { json } = await bridge.api(`/v1/quarantine?code=${encodeURIComponent(code)}&limit=200`);
    return (json.items as { id: string; rawSha256: string }[]).find((i) => i.rawSha256 === hash);
  }, 5_000, `quarantine entry ${code}`);
  return quarantined(bridge, item.id);
}

export async function countRows(schema: string, sql: string, params: unknown[] = []): Promise<number> {
  const c = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(sql, params);
    return Number(r.rows[0]!.n);
  } finally {
    await c.end();
  }
}

export async function settle(bridge: Bridge, id: string, statuses: string[], ms = 30_000): Promise<any> {
  return waitUntil(async () => {
    const n = await bridge.notification(id);
    return statuses.includes(n.status) ? n : undefined;
  }, ms, `${id} → ${statuses.join('|')}`);
}
