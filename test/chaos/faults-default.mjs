// Chaos suite faults on the default one-process stack (stack-default.mjs): SIGKILLs of the bridge
// process mid-traffic, each followed by a restart whose backlog is timed until it is gone;
// SIGKILLs of the embedded PostgreSQL postmaster (the bridge rides it out, or a supervisor's
// restart recovers it); the partner outage as in the production schedule. A separate Redis to
// kill does not exist here (the queues are in PostgreSQL), nor a separate worker.
import { say, sleep } from './support.mjs';

export const SKIPPED_ON_DEFAULT = [
  'Redis SIGKILL: no Redis on the default stack (queues on BullMQ\'s PostgreSQL backend in the ledger\'s server)',
  'worker SIGKILL apart from the gateway: gateway, worker and simulators are one process (bridge SIGKILL instead)',
  'pg_ctl immediate-stop restart: replaced by SIGKILL of the embedded postmaster (nothing restarts it but the bridge)',
];

/**
 * The bridge restarts and what each left to do: `restarts` gets one entry per restart with the
 * backlog (owed notifications) when it answered /ready again and when that backlog was gone.
 */
export function bridgeRestarter({ stack, faults, restarts, outageActive }) {
  const trackers = [];
  const restart = async (cause, f) => {
    const r = { cause, killedAt: Date.now() };
    if (stack.bridge.child) await stack.bridge.kill('SIGKILL');
    await sleep(1000);
    r.startedAt = Date.now();
    if (!stack.bridge.child) stack.bridge.start(); // (the supervisor may have started it already)
    r.upAt = await stack.waitFor('/ready');
    const [snap] = await stack.q(`select coalesce(max(sequence), 0)::float8 as s, count(*) filter (where status = any($1))::int as owed from notifications`, [['pending', 'in-flight', 'retrying', 'held']]);
    Object.assign(r, { maxSequence: snap.s, owedAtUp: snap.owed, outageInProgress: outageActive() });
    restarts.push(r);
    if (f) f.endedAt = r.upAt;
    say(`bridge restarted (${cause}): /ready after ${((r.upAt - r.startedAt) / 1000).toFixed(1)} s, ${r.owedAtUp} owed`);
    // The backlog the restart found is gone when none of those notifications is owed any more.
    trackers.push(
      (async () => {
        while ((await stack.owed(r.maxSequence)) > 0) await sleep(2000);
        r.clearedAt = Date.now();
        say(`backlog found at restart (${r.owedAtUp}) gone ${((r.clearedAt - r.startedAt) / 1000).toFixed(1)} s after the restart`);
      })().catch((e) => (r.trackError = e.message)),
    );
    return r;
  };
  const killBridge = async (cause = 'mid-traffic') => {
    const f = record(faults, 'bridge SIGKILL');
    say(`bridge SIGKILL (#${faults.filter((x) => x.kind === 'bridge SIGKILL').length}, ${cause})`);
    return restart(`bridge SIGKILL, ${cause}`, f);
  };
  return { restart, killBridge, trackers };
}

function record(faults, kind, detail = {}) {
  const f = { kind, ...detail, at: Date.now(), endedAt: undefined };
  faults.push(f);
  return f;
}

export function directDefaultFaults({ settings, baseline, faults, restarter, progress, postingDone, stack, setFault }) {
  const { outagePartner, outageMs, bridgeKills, pgKills, rideOutMs } = settings;
  const killPostmaster = async () => {
    const f = record(faults, 'postgres postmaster SIGKILL');
    const pm = stack.postmaster();
    if (!pm) {
      f.endedAt = Date.now();
      f.outcome = 'no running postmaster found';
      return;
    }
    process.kill(pm.pid, 'SIGKILL');
    say(`embedded postmaster ${pm.pid} SIGKILLed`);
    const exitsBefore = stack.bridge.exits.length;
    const deadline = Date.now() + rideOutMs;
    while (Date.now() < deadline) {
      await sleep(500);
      const now = stack.postmaster();
      if (now && now.pid !== pm.pid && (await stack.answers('/ready'))) {
        const died = stack.bridge.exits.slice(exitsBefore).filter((e) => !e.expected).length;
        f.outcome = died ? `the bridge exited (${died}×), was restarted by the supervisor and started a new server` : 'the bridge rode it out: a new server is up and /ready answers';
        break;
      }
    }
    if (!f.outcome) {
      const served = stack.postmaster() ? 'a server is running but /ready fails' : 'no server is running';
      say(`${rideOutMs / 1000} s after the postmaster SIGKILL ${served} and the bridge is still up: restarting it, as a supervisor watching /ready would`);
      f.outcome = `not ridden out: after ${rideOutMs / 1000} s ${served}; a supervisor restart (SIGKILL + start) recovered`;
      await restarter.restart(`ledger server SIGKILLed, /ready failing for ${rideOutMs / 1000} s`);
    }
    f.endedAt = Date.now();
    say(`postmaster SIGKILL over after ${((f.endedAt - f.at) / 1000).toFixed(1)} s: ${f.outcome}`);
  };
  let outageEnd;
  let outageActive = false;
  const startOutage = async () => {
    const f = record(faults, `${outagePartner} outage`, { ms: outageMs });
    await setFault(outagePartner, { status: 503 });
    outageActive = true;
    say(`${outagePartner} DOWN for ${outageMs / 1000} s`);
    outageEnd = (async () => {
      await sleep(outageMs);
      await setFault(outagePartner, baseline[outagePartner]);
      outageActive = false;
      f.endedAt = Date.now();
      say(`${outagePartner} back up`);
    })();
  };
  const plan = outageMs > 0 ? [{ at: 0.1, run: startOutage }] : [];
  for (let i = 0; i < bridgeKills; i++) plan.push({ at: (i + 1) / (bridgeKills + 1), run: () => restarter.killBridge() });
  for (let i = 0; i < pgKills; i++) plan.push({ at: 0.4 + (0.1 * i), run: killPostmaster });
  plan.sort((a, b) => a.at - b.at);
  let done = false;
  const director = (async () => {
    while (plan.length || !postingDone()) {
      if (plan.length && progress() >= plan[0].at) {
        await plan.shift().run();
        continue;
      }
      await sleep(250);
    }
    await outageEnd;
    done = true;
    say('all faults over; waiting for the backlog to drain');
  })();
  director.catch(() => undefined);
  return { director, faultsDone: () => done, outageActive: () => outageActive };
}
