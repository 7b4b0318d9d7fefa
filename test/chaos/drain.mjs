// Chaos suite, default stack: the drain comparison made after the chaos schedule, in the same run
// on the same bridge. Two equal bursts of traffic under the baseline partner errors only:
//   normal — posted, then the time from the end of posting to an empty backlog;
//   crash  — posted, the bridge SIGKILLed as posting ends (a full backlog, jobs active, outbox rows
//            unrelayed), restarted; the time from the restart to an empty backlog.
// The rates (backlog ÷ drain time) should be of the same order: after a crash nothing may wait out
// a lock duration or a timer before the stalled jobs and the outbox rows move again.
import { say, sleep } from './support.mjs';

async function waitEmpty(owed, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await owed()) === 0) return Date.now();
    await sleep(250);
  }
  return undefined;
}

/** `postBurst(n, groupBase)` posts about n notifications on new cases and resolves when posting is done. */
export async function measureDrain({ owed, postBurst, restarter, burst, timeoutMs }) {
  const before = await waitEmpty(owed, timeoutMs);
  if (before === undefined) return { error: 'the backlog of the chaos schedule never emptied' };

  say(`drain measurement: normal — ${burst} notifications, no fault but the baseline errors`);
  const n0 = Date.now();
  const normalPosted = await postBurst(burst, 1_000_000);
  const normalPostedAt = Date.now();
  const normalOwed = await owed();
  const normalEmpty = await waitEmpty(owed, timeoutMs);
  const normal = {
    notifications: normalPosted,
    postingSeconds: +((normalPostedAt - n0) / 1000).toFixed(1),
    owedAtPostingEnd: normalOwed,
    drainSeconds: normalEmpty && +((normalEmpty - normalPostedAt) / 1000).toFixed(1),
  };
  normal.ratePerSecond = normalEmpty && +(normalOwed / Math.max(0.001, (normalEmpty - normalPostedAt) / 1000)).toFixed(1);
  say(`normal drain: ${normalOwed} owed at the end of posting, empty after ${normal.drainSeconds} s (${normal.ratePerSecond}/s)`);
  if (!normalEmpty) return { normal, error: 'the normal burst did not drain' };

  say(`drain measurement: crash — ${burst} notifications, bridge SIGKILLed as posting ends`);
  const c0 = Date.now();
  const crashPosted = await postBurst(burst, 2_000_000);
  const crashPostedAt = Date.now();
  const r = await restarter.killBridge('drain measurement, full backlog');
  const crashEmpty = await waitEmpty(owed, timeoutMs);
  const crash = {
    notifications: crashPosted,
    postingSeconds: +((crashPostedAt - c0) / 1000).toFixed(1),
    owedAtRestart: r.owedAtUp,
    restartToReadySeconds: +((r.upAt - r.startedAt) / 1000).toFixed(1),
    restartToEmptySeconds: crashEmpty && +((crashEmpty - r.startedAt) / 1000).toFixed(1),
    readyToEmptySeconds: crashEmpty && +((crashEmpty - r.upAt) / 1000).toFixed(1),
  };
  crash.ratePerSecond = crashEmpty && +(r.owedAtUp / Math.max(0.001, (crashEmpty - r.upAt) / 1000)).toFixed(1);
  say(`crash drain: ${r.owedAtUp} owed at restart, empty ${crash.restartToEmptySeconds} s after the restart (${crash.ratePerSecond}/s once ready)`);
  if (!crashEmpty) return { normal, crash, error: 'the backlog after the crash did not drain' };
  return { normal, crash, ratio: +(crash.ratePerSecond / normal.ratePerSecond).toFixed(2) };
}

/** The default stack's extra checks: every restart's backlog went, and the crash drain kept pace. */
export function drainChecks(restarts, drain, sample) {
  const checks = { 'backlog found at each restart gone (time measured)': restarts.length > 0 && restarts.every((r) => r.backlogGoneAfterS !== null) };
  if (sample > 0) checks['drain after a crash of the order of the normal rate (≥ ⅓ of it)'] = Boolean(drain && !drain.error && drain.ratio >= 1 / 3);
  return checks;
}
