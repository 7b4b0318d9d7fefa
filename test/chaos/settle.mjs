// Chaos suite: progress while posting and faults go on, then the wait until every accepted
// notification is acknowledged (or nothing is left in motion, or the settle timeout passes).
import { say, sleep } from './support.mjs';

const PARTNERS = ['police', 'electronic-monitoring', 'prison', 'probation', 'legal-aid'];

/**
 * `q` queries the ledger; `posting` and `director` are the posting's and the faults' promises;
 * `starts()` a few words on process starts for the progress line. Returns { done, timedOut }.
 */
export async function waitSettled({ q, simUrl, state, target, posting, postingDone, director, faultsDone, starts, settleTimeoutMs }) {
  let last = { at: Date.now(), ack: 0 };
  let lastPrint = 0;
  let faultsEndedAt;
  let stuckChecks = 0;
  // Progress comes from the simulators' counters (cheap); the ledger is asked only when they say
  // everything arrived, and for a status line every 60 s — a count over the notifications table
  // every 2 s would cost the bridge a CPU core at this volume.
  const simUnique = async () => {
    let n = 0;
    for (const p of PARTNERS) n += (await (await fetch(`${simUrl}/_sim/${p}/stats`)).json()).unique;
    return n;
  };
  let lastStatus = 0;
  for (;;) {
    await Promise.race([posting, director, sleep(2000)]);
    const arrived = await simUnique();
    if (Date.now() - lastPrint > 15_000) {
      const rate = ((arrived - last.ack) / ((Date.now() - last.at) / 1000)).toFixed(0);
      let statuses = '';
      if (Date.now() - lastStatus > 60_000) {
        statuses = (await q(`select status, count(*)::int as n from notifications group by 1 order by 1`)).map((s) => `${s.status}:${s.n}`).join(' ');
        lastStatus = Date.now();
      }
      say(`accepted ${state.accepted.size}/${target}  taken by simulators ${arrived} (${rate}/s)  ${starts()}  ${statuses}`);
      last = { at: Date.now(), ack: arrived };
      lastPrint = Date.now();
    }
    if (faultsDone() && postingDone() && faultsEndedAt === undefined) faultsEndedAt = Date.now();
    if (!(faultsDone() && postingDone())) continue;
    if (arrived >= state.accepted.size) {
      const [row] = await q(`select count(*)::int as total, count(*) filter (where status = 'acknowledged')::int as ack from notifications`);
      if (row.ack === state.accepted.size && row.total === state.accepted.size) return { done: true, timedOut: false };
    }
    // Nothing left in motion (only parked / held / needs-review): waiting longer cannot help.
    if (Date.now() - faultsEndedAt > 60_000 && arrived === last.ack) {
      const [moving] = await q(`select count(*)::int as n from notifications where status in ('pending', 'in-flight', 'retrying')`);
      stuckChecks = moving.n === 0 ? stuckChecks + 1 : 0;
      if (stuckChecks >= 15) {
        say('nothing left in motion for 30 s but not everything is acknowledged; stopping the wait');
        return { done: false, timedOut: false };
      }
    }
    if (Date.now() - faultsEndedAt > settleTimeoutMs) return { done: false, timedOut: true };
  }
}
