// Chaos suite faults: one partner outage, Redis SIGKILLs, PostgreSQL crash-restarts at fractions of
// the posting, and worker SIGKILLs (a count, or periodically until the outage is over).
import { say, sleep, waitPort } from './support.mjs';

/**
 * Runs the faults while posting goes on. `progress()` is the share of the posting done (1 when
 * done), `postingDone()` whether it is; every fault is pushed onto `faults` with its start and end.
 * Returns the director's promise and whether all faults are over.
 */
export function directFaults({ settings, baseline, faults, progress, postingDone, worker, redis, redisPort, ownPg, setFault }) {
  const { outagePartner, outageMs, redisKills, pgRestarts, workerKills, workerKillEveryMs } = settings;
  const record = (kind, detail = {}) => {
    const f = { kind, ...detail, at: Date.now(), endedAt: undefined };
    faults.push(f);
    return f;
  };
  const killWorker = async () => {
    const f = record('worker SIGKILL');
    await worker.kill('SIGKILL');
    say(`worker SIGKILLed (#${faults.filter((x) => x.kind === 'worker SIGKILL').length})`);
    await sleep(1000);
    worker.start();
    f.endedAt = Date.now();
  };
  const killRedis = async () => {
    const f = record('redis SIGKILL');
    await redis.kill('SIGKILL');
    say('redis SIGKILLed');
    await sleep(3000);
    redis.start();
    await waitPort(redisPort, 'redis-server (restart)');
    f.endedAt = Date.now();
    say(`redis back after ${((f.endedAt - f.at) / 1000).toFixed(1)} s (AOF replayed)`);
  };
  const restartPg = async () => {
    const f = record('postgres crash-restart');
    say('postgres: immediate stop');
    await ownPg.crashRestart(3000);
    f.endedAt = Date.now();
    say(`postgres back after ${((f.endedAt - f.at) / 1000).toFixed(1)} s (WAL recovery)`);
  };
  let outageEnd;
  const startOutage = async () => {
    const f = record(`${outagePartner} outage`, { ms: outageMs });
    await setFault(outagePartner, { status: 503 });
    say(`${outagePartner} DOWN for ${outageMs / 1000} s`);
    outageEnd = (async () => {
      await sleep(outageMs);
      await setFault(outagePartner, baseline[outagePartner]);
      f.endedAt = Date.now();
      say(`${outagePartner} back up`);
    })();
  };
  // Discrete faults at fractions of the posting; whatever is left fires once posting is done.
  const plan = [{ at: 0.1, run: startOutage }];
  for (let i = 0; i < redisKills; i++) plan.push({ at: redisKills === 1 ? 0.4 : 0.25 + (0.4 * i) / Math.max(1, redisKills - 1), run: killRedis });
  for (let i = 0; i < pgRestarts; i++) plan.push({ at: 0.45 + (0.1 * i), run: restartPg });
  if (Number.isFinite(workerKills)) for (let i = 0; i < workerKills; i++) plan.push({ at: (i + 1) / (workerKills + 1) + 0.05, run: killWorker });
  plan.sort((a, b) => a.at - b.at);
  let nextPeriodicKill = Date.now() + workerKillEveryMs * (0.5 + Math.random());
  const periodicKillDue = async () => {
    if (Number.isFinite(workerKills) || Date.now() < nextPeriodicKill) return;
    await killWorker();
    nextPeriodicKill = Date.now() + workerKillEveryMs * (0.5 + Math.random());
  };
  let done = false;
  const director = (async () => {
    while (plan.length || !postingDone()) {
      if (plan.length && progress() >= plan[0].at) {
        await plan.shift().run();
        continue;
      }
      await periodicKillDue();
      await sleep(250);
    }
    // Keep killing the worker periodically until the outage is over too.
    let outageOver = false;
    outageEnd?.then(() => (outageOver = true));
    while (!Number.isFinite(workerKills) && !outageOver) {
      await periodicKillDue();
      await sleep(250);
    }
    await outageEnd;
    done = true;
    say('all faults over; waiting for the backlog to drain');
  })();
  director.catch(() => undefined);
  return { director, faultsDone: () => done };
}
