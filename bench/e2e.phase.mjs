// End to end: post real-shaped hearing results to the platform API, then wait for every
// notification they create to be acknowledged by its partner simulator.
import { Pool } from 'undici';
import { setTimeout as sleep } from 'node:timers/promises';
import { AUTH, pct } from './stack.mjs';
import { loadSamples, variantTexts } from '../dist/apps/cli/src/sample-traffic/sample-traffic.js';

/** Post as fast as `connections` allow for `seconds` (or paced at `rate`/s); returns latencies. */
export async function load(base, { seconds, connections = 32, rate, seed = 1 }) {
  // Bodies from templates made once (the same bytes as JSON.stringify(variant(...)), a tenth of the CPU).
  const samples = loadSamples().map((s) => variantTexts(s.body));
  const pool = new Pool(base, { connections, pipelining: 1 });
  const latencies = [];
  let n = seed * 1_000_000, errors = 0, notifications = 0;
  const end = Date.now() + seconds * 1000;
  const one = async () => {
    const body = samples[n % samples.length](n++);
    const t = performance.now();
    const res = await pool.request({ path: '/v1/hearing-results', method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body });
    const json = await res.body.json();
    latencies.push(performance.now() - t);
    if (res.statusCode !== 202) errors++;
    else notifications += json.notifications.filter((x) => x.status === 'pending').length;
  };
  const t0 = Date.now();
  if (rate) {
    const inflight = new Set();
    for (let i = 0; Date.now() < end; i++) {
      const due = t0 + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      const p = one().catch(() => errors++).finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
  } else {
    await Promise.all(Array.from({ length: connections }, async () => { while (Date.now() < end) await one().catch(() => errors++); }));
  }
  const elapsed = (Date.now() - t0) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { posted: latencies.length, errors, notifications, elapsed, acceptedPerSec: latencies.length / elapsed, p50: pct(latencies, 50), p99: pct(latencies, 99), max: latencies.at(-1) ?? 0 };
}

/** Wait until nothing dispatchable is owed; acknowledgements per second and accept→ack latency from the ledger. */
export async function drain(db, { sinceMs, timeoutS = 600 }) {
  const since = new Date(sinceMs);
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    // Polled twice a second: count only what is owed (a partial index), so the poll does not
    // scan every notification of the run and charge it to PostgreSQL's CPU figure.
    const { rows } = await db.query(`select count(*)::int as owed from notifications where status in ('pending','in-flight','retrying')`);
    if (rows[0].owed === 0 || Date.now() > deadline) break;
    await sleep(500);
  }
  const { rows } = await db.query(`
    select count(*) filter (where status = 'acknowledged')::int as acked,
      count(*) filter (where status in ('pending','in-flight','retrying'))::int as owed,
      extract(epoch from max(acknowledged_at) - min(created_at))::float8 as span,
      (percentile_cont(0.5) within group (order by extract(epoch from acknowledged_at - created_at)))::float8 * 1000 as p50,
      (percentile_cont(0.99) within group (order by extract(epoch from acknowledged_at - created_at)))::float8 * 1000 as p99
    from notifications where created_at >= $1`, [since]);
  const r = rows[0];
  return { acked: r.acked, owed: r.owed, ackPerSec: r.span > 0 ? r.acked / r.span : 0, ackLatencyP50Ms: r.p50 ?? 0, ackLatencyP99Ms: r.p99 ?? 0 };
}
