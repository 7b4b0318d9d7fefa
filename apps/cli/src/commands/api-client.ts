import { DEV_API_KEY } from '../../../gateway/src/auth/api-clients.js';

/**
 * Operator commands go through the gateway's API, so they work the same against the embedded
 * single-process bridge and a production deployment, and every action is authenticated and audited.
 */
export function apiBase(): string {
  return (process.env.CP_BRIDGE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
}

export async function callApi<T>(path: string, init: { method?: string; body?: unknown; actor?: string } = {}): Promise<{ status: number; json: T }> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${process.env.CP_BRIDGE_API_KEY ?? DEV_API_KEY}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.actor ? { 'x-actor': init.actor } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch (e) {
    throw new Error(`CLI.GATEWAY_UNREACHABLE: cannot reach the gateway at ${apiBase()} (${(e as Error).message}); start it (npm start) or set CP_BRIDGE_URL`, { cause: e });
  }
  return { status: res.status, json: (await res.json()) as T };
}

/** Print rows as an aligned table (or nothing but a note when there are none). */
export function printTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): void {
  if (!rows.length) {
    console.log('(none)');
    return;
  }
  const widths = columns.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length))));
  console.log(columns.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  for (const r of rows) console.log(columns.map((c, i) => String(r[c] ?? '').slice(0, 60).padEnd(widths[i]!)).join('  '));
}
