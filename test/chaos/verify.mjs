// Chaos suite verification: what the ledger, the reconciliation and every simulator say once the
// backlog has drained, checked against what the platform was told was accepted.
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/**
 * `q` queries the run's ledger; `state` is what the poster recorded (accepted id → partner, posts,
 * faults); `run` the settings and timings that go into the summary as they are.
 */
export async function verify({ q, gw, controlUrl, authHeaders, state, procs, run }) {
  const rec = await (await fetch(`${gw}/v1/reconciliation`, { headers: authHeaders })).json();
  const rows = (await q(`select id, partner, order_key, sequence::float8 as sequence, status, acknowledged_at, attempts from notifications`)).map((r) => ({ ...r, sequence: Number(r.sequence) }));
  const [successDup] = await q(`select count(*)::int as n from (select notification_id from attempts where outcome = 'success' group by 1 having count(*) > 1) x`);
  const attemptsBy = await q(`select outcome, coalesce(error_code, '') as code, count(*)::int as n from attempts group by 1, 2 order by 3 desc`);
  const ledgerIds = new Set(rows.map((r) => r.id));
  const acceptedByPartner = {};
  for (const p of state.accepted.values()) acceptedByPartner[p] = (acceptedByPartner[p] ?? 0) + 1;

  const partners = {};
  const simSeq = new Map();
  for (const p of Object.keys(acceptedByPartner)) {
    const got = await (await fetch(`${controlUrl}/accepted/${p}`)).json();
    const ids = new Set(got.ids);
    got.ids.forEach((id, i) => simSeq.set(id, got.seqs[i]));
    let missing = 0;
    for (const [id, partner] of state.accepted) if (partner === p && !ids.has(id)) missing++;
    const foreign = got.ids.filter((id) => state.accepted.get(id) !== p).length;
    partners[p] = { accepted: acceptedByPartner[p], simUnique: got.stats.unique, simReceived: got.stats.received, simDuplicates: got.stats.duplicates, simFaulted: got.stats.faulted, simInvalid: got.stats.invalid, simRejected: got.stats.rejected, missing, foreign };
  }
  // Per-case order: for each order key, the simulator's receive order and the ledger's
  // acknowledgement order must both follow the ledger sequence.
  const byKey = new Map();
  for (const r of rows) (byKey.get(r.order_key) ?? byKey.set(r.order_key, []).get(r.order_key)).push(r);
  let orderKeysChecked = 0;
  let orderViolations = 0;
  const violationsSample = [];
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    orderKeysChecked++;
    list.sort((a, b) => a.sequence - b.sequence);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1];
      const b = list[i];
      const simOk = simSeq.has(a.id) && simSeq.has(b.id) && simSeq.get(a.id) < simSeq.get(b.id);
      const ackOk = a.acknowledged_at && b.acknowledged_at && a.acknowledged_at <= b.acknowledged_at;
      if (!simOk || !ackOk) {
        orderViolations++;
        if (violationsSample.length < 5) violationsSample.push({ key, earlier: a.id, later: b.id, simSeq: [simSeq.get(a.id), simSeq.get(b.id)], ack: [a.acknowledged_at, b.acknowledged_at] });
      }
    }
  }

  const notAcknowledged = rows.filter((r) => r.status !== 'acknowledged').length;
  const missingFromLedger = [...state.accepted.keys()].filter((id) => !ledgerIds.has(id)).length;
  const lastAck = Math.max(...rows.filter((r) => r.acknowledged_at).map((r) => r.acknowledged_at.getTime()));
  const lastFaultEnd = Math.max(...state.faults.map((f) => f.endedAt ?? 0));
  const countKinds = (k) => state.faults.filter((f) => f.kind === k).length;
  const frontChecks = frontCheck(run.front ?? 'gateway', procs, state.faults);
  const procStats = Object.fromEntries(procs.map((p) => [p.name, { starts: p.starts, unexpectedExits: p.unexpectedExits, ...(p.exitsAfterLedgerKill === undefined ? {} : { exitsAfterLedgerKill: p.exitsAfterLedgerKill }) }]));

  const checks = {
    'all posting accepted': state.postFailures.length === 0,
    'every accepted notification acknowledged in the ledger': run.done && notAcknowledged === 0 && missingFromLedger === 0,
    'no obligation the platform did not ask for': rows.length === state.accepted.size,
    'reconcile: 0 unaccounted': rec.unaccounted === 0,
    'simulator unique == accepted, per partner': Object.values(partners).every((p) => p.simUnique === p.accepted),
    'every accepted id present at its simulator': Object.values(partners).every((p) => p.missing === 0 && p.foreign === 0),
    'one success attempt per notification': successDup.n === 0,
    'per-case order held': orderViolations === 0 && orderKeysChecked > 0,
    ...frontChecks,
  };
  return {
    date: new Date().toISOString(),
    machine: { nproc: os.availableParallelism(), memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1), freeG: spawnSync('free', ['-g'], { encoding: 'utf8' }).stdout?.trimEnd(), node: process.version, os: `${os.type()} ${os.release()}`, cpu: os.cpus()[0]?.model },
    settings: run.settings,
    templates: run.templates,
    realFixtureTemplates: run.realFixtureTemplates,
    posts: state.posts,
    postRetries: state.postRetries,
    accepted: state.accepted.size,
    acceptedByPartner,
    acknowledged: rows.length - notAcknowledged,
    notAcknowledged,
    missingFromLedger,
    reviewNotifications: state.reviewNotifications,
    unaccounted: rec.unaccounted,
    reconciliation: rec.rows,
    partners,
    orderKeysChecked,
    orderViolations,
    violationsSample,
    duplicateSuccessAttempts: successDup.n,
    attempts: attemptsBy.slice(0, 15),
    totalAttempts: attemptsBy.reduce((n, a) => n + a.n, 0),
    faults: {
      workerKills: countKinds('worker SIGKILL'),
      redisKills: countKinds('redis SIGKILL'),
      pgRestarts: countKinds('postgres crash-restart'),
      bridgeKills: countKinds('bridge SIGKILL'),
      postmasterKills: countKinds('postgres postmaster SIGKILL'),
      outages: state.faults.filter((f) => f.kind.endsWith('outage')).map((f) => ({ kind: f.kind, seconds: Math.round((f.endedAt - f.at) / 1000) })),
      timeline: state.faults.map((f) => ({ kind: f.kind, atS: +((f.at - run.postingStarted) / 1000).toFixed(1), endedAtS: f.endedAt ? +((f.endedAt - run.postingStarted) / 1000).toFixed(1) : null })),
    },
    processes: procStats,
    postingSeconds: +(((run.postingEnded ?? Date.now()) - run.postingStarted) / 1000).toFixed(1),
    durationSeconds: +((lastAck - run.postingStarted) / 1000).toFixed(1),
    throughputPerSecond: +(rows.length / ((lastAck - run.postingStarted) / 1000)).toFixed(1),
    lastFaultEndedAtS: +((lastFaultEnd - run.postingStarted) / 1000).toFixed(1),
    recoverySeconds: +(Math.max(0, lastAck - lastFaultEnd) / 1000).toFixed(1),
    timedOut: run.timedOut,
    checks,
    passed: Object.values(checks).every(Boolean),
    logs: run.logs,
  };
}

/**
 * The process the platform talks to must not die on its own. On the default stack an exit within
 * a minute of its ledger server being SIGKILLed is allowed (a restart must then recover, which the
 * delivery checks prove); it is counted apart, not hidden.
 */
function frontCheck(name, procs, faults) {
  const proc = procs.find((p) => p.name === name);
  const kills = faults.filter((f) => f.kind === 'postgres postmaster SIGKILL').map((f) => f.at);
  const unexpected = (proc?.exits ?? []).filter((e) => !e.expected);
  const afterLedgerKill = unexpected.filter((e) => kills.some((at) => e.at >= at && e.at - at < 60_000)).length;
  if (name === 'gateway') return { 'no unexpected gateway exit': unexpected.length === 0 };
  if (proc) proc.exitsAfterLedgerKill = afterLedgerKill;
  return { [`no unexpected ${name} exit (other than after its ledger server was killed)`]: unexpected.length === afterLedgerKill };
}
