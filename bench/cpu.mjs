// CPU time (user+system, ms) of a process and its threads from /proc (Linux); 0 when unreadable.
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(parts[11]) + Number(parts[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Summed CPU of every process whose command line matches (e.g. postgres backends, redis-server). */
export function cpuMsMatching(re) {
  let total = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (re.test(cmd)) total += cpuMs(d);
    } catch {
      // gone
    }
  }
  return total;
}

/** Snapshot CPU per component; diff two snapshots to see where the cores went. */
export function cpuSnapshot(stack) {
  return {
    gateway: cpuMs(stack.gateway.pid),
    worker: stack.workers.reduce((s, w) => s + cpuMs(w.pid), 0),
    simulators: cpuMs(stack.sims.pid),
    postgres: cpuMsMatching(/^postgres/),
    redis: cpuMsMatching(/redis-server/),
    bench: process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000,
  };
}

export function cpuDiff(a, b) {
  return Object.fromEntries(Object.keys(a).map((k) => [k, Math.round(b[k] - a[k])]));
}
