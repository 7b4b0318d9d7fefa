// CPU time (user+system, ms) of a process and its threads from /proc (Linux); 0 when unreadable.
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The fields of /proc/<pid>/stat after the command name (state is [0]); undefined when gone. */
function statFields(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return f.slice(f.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export function cpuMs(pid, { reapedChildren = false } = {}) {
  const parts = statFields(pid);
  if (!parts) return 0;
  // utime, stime; cutime, cstime hold children that have exited and been waited for
  const own = Number(parts[11]) + Number(parts[12]);
  return (own + (reapedChildren ? Number(parts[13]) + Number(parts[14]) : 0)) * TICK_MS;
}

const ppidOf = (pid) => Number(statFields(pid)?.[1] ?? 0);

/**
 * Summed CPU of every process whose command line matches (e.g. postgres backends, redis-server).
 * A server's own parent also carries the CPU of children that already exited (closed connections).
 */
export function cpuMsMatching(re) {
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (re.test(readFileSync(`/proc/${d}/cmdline`, 'utf8'))) pids.push(Number(d));
    } catch {
      // gone
    }
  }
  const set = new Set(pids);
  return pids.reduce((sum, pid) => sum + cpuMs(pid, { reapedChildren: !set.has(ppidOf(pid)) }), 0);
}

/** Snapshot CPU per component; diff two snapshots to see where the cores went. */
export function cpuSnapshot(stack) {
  return {
    gateway: cpuMs(stack.gateway.pid),
    worker: stack.workers.reduce((s, w) => s + cpuMs(w.pid), 0),
    simulators: cpuMs(stack.sims.pid),
    postgres: cpuMsMatching(new RegExp(String.raw`(^|/)postgres(${String.fromCharCode(0)}|:)`)),
    redis: cpuMsMatching(/redis-server/),
    bench: process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000,
  };
}

export function cpuDiff(a, b) {
  return Object.fromEntries(Object.keys(a).map((k) => [k, Math.round(b[k] - a[k])]));
}

/** CPU ms per item (notification, delivery) for each component. */
export function perItem(diff, items) {
  return Object.fromEntries(Object.entries(diff).map(([k, v]) => [k, items ? +(v / items).toFixed(3) : 0]));
}

/** PostgreSQL's WAL counters (server-wide, pg_stat_wal): what the ledger writes, for per-item figures. */
export async function walSnapshot(db) {
  return (await db.query('select wal_records::float8 as records, wal_fpi::float8 as fpi, wal_bytes::float8 as bytes from pg_stat_wal')).rows[0];
}

/** WAL records, full-page images and KB per item between two snapshots. */
export function walPerItem(a, b, n) {
  const per = (x) => (n > 0 ? x / n : 0);
  return { records: +per(b.records - a.records).toFixed(1), fpi: +per(b.fpi - a.fpi).toFixed(2), kb: +per((b.bytes - a.bytes) / 1024).toFixed(1) };
}
