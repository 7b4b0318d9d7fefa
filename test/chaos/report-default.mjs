// Chaos suite report, default stack: the lines the summary adds, and the block `--record` writes
// into RELIABILITY.md between its own markers (beside, never over, the production run's block).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, say } from './support.mjs';

const START = '<!-- chaos-run-default:start -->';
const END = '<!-- chaos-run-default:end -->';

export function defaultFaultsLine(s) {
  return `bridge (cp-bridge start) SIGKILL ×${s.faults.bridgeKills} (each restarted), embedded postmaster SIGKILL ×${s.faults.postmasterKills}, ${s.faults.outages.map((o) => `${o.kind} ${o.seconds} s`).join(', ')}, ${s.settings.errorRate * 100}% errors at every simulator`;
}

export function defaultSummaryLines(s) {
  const d = s.drain;
  return [
    `schedule: last fault ended at t=${s.schedule.lastFaultEndedS} s, all acknowledged by t≈${s.schedule.settledS} s`,
    `skipped (do not apply to one process on embedded defaults): ${s.skippedFaults.join('; ')}`,
    ...s.postmasterKills.map((o, i) => `postmaster SIGKILL #${i + 1}: ${o}`),
    ...s.restarts.map((r) => `restart at t=${r.atS} s (${r.cause}): /ready after ${r.readyAfterS} s, ${r.owedAtRestart} owed${r.outageInProgress ? ' (partner outage in progress)' : ''}, that backlog gone ${r.backlogGoneAfterS ?? '—'} s after the restart (${r.ratePerSecond ?? '—'}/s)`),
    d?.normal ? `normal drain: ${d.normal.owedAtPostingEnd} owed when a ${d.normal.notifications}-notification burst was posted, empty ${d.normal.drainSeconds} s later — ${d.normal.ratePerSecond}/s` : 'normal drain: not measured',
    d?.crash ? `drain after SIGKILL: ${d.crash.owedAtRestart} owed at restart (burst of ${d.crash.notifications}), /ready ${d.crash.restartToReadySeconds} s, empty ${d.crash.restartToEmptySeconds} s after the restart — ${d.crash.ratePerSecond}/s once ready (${d.ratio ?? '—'}× normal)` : `drain after SIGKILL: not measured${d?.error ? ` (${d.error})` : ''}`,
  ];
}

export function recordDefaultRun(s) {
  const file = join(root, 'RELIABILITY.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Reliability\n';
  const reached = s.accepted >= s.settings.notificationsTarget ? '' : ` (**target ${s.settings.notificationsTarget} not reached**)`;
  const d = s.drain ?? {};
  const block = `${START}
## Last recorded default-path chaos run (written by \`npm run test:chaos:default\`)

One process, \`cp-bridge start --variants 0\`, on embedded defaults: no DATABASE_URL (the ledger is the
embedded PostgreSQL server under a fresh CP_BRIDGE_DATA_DIR), no REDIS_URL (queues on BullMQ's
PostgreSQL backend in that server); the chaos simulators pointed at by env.

- date: ${s.date}
- machine: \`nproc\` = ${s.machine.nproc}; ${s.machine.cpu}; ${s.machine.memoryGiB} GiB RAM; node ${s.machine.node}; ${s.machine.os}; shared with other engineers' test runs
- result: **${s.passed ? 'PASSED' : 'FAILED'}**${s.timedOut ? ' (timed out waiting for the backlog)' : ''}
- accepted: **${s.accepted}** notifications${reached} from ${s.posts} hearing-result posts (${s.postRetries} posts retried with the same body) — ${Object.entries(s.acceptedByPartner).map(([p, n]) => `${p} ${n}`).join(', ')}
- acknowledged: ${s.acknowledged}; not acknowledged: ${s.notAcknowledged}; attempts recorded: ${s.totalAttempts}; cases (order keys) checked for order: ${s.orderKeysChecked}; order violations: ${s.orderViolations}; notifications with more than one success attempt: ${s.duplicateSuccessAttempts}
- faults: ${defaultFaultsLine(s)}
- not applicable, skipped: ${s.skippedFaults.join('; ')}
- postmaster SIGKILL: ${s.postmasterKills.join('; ') || 'none'}
- processes: ${Object.entries(s.processes).map(([n, p]) => `${n} started ${p.starts}× (${p.unexpectedExits} unexpected exits${p.exitsAfterLedgerKill ? `, ${p.exitsAfterLedgerKill} after its ledger server was killed` : ''})`).join('; ')}
- duration: ${s.durationSeconds} s from first post to last acknowledgement (chaos posting took ${s.postingSeconds} s); ${s.throughputPerSecond} notifications/s end to end
- recovery of the chaos schedule: its last fault ended at t = ${s.schedule.lastFaultEndedS} s, everything it accepted was acknowledged by t ≈ ${s.schedule.settledS} s (**${+(s.schedule.settledS - s.schedule.lastFaultEndedS).toFixed(1)} s**; polled every 2 s); after the drain measurement's SIGKILL: last acknowledgement ${s.recoverySeconds} s after the restarted bridge was ready
- **normal drain rate** (same run, baseline errors only): ${d.normal ? `${d.normal.owedAtPostingEnd} owed after a burst of ${d.normal.notifications}, empty ${d.normal.drainSeconds} s after posting ended: **${d.normal.ratePerSecond}/s**` : 'not measured'}
- **drain after SIGKILL**: ${d.crash ? `a burst of ${d.crash.notifications}, bridge SIGKILLed as posting ended; ${d.crash.owedAtRestart} owed at restart; /ready after ${d.crash.restartToReadySeconds} s; **backlog empty ${d.crash.restartToEmptySeconds} s after the restart**, **${d.crash.ratePerSecond}/s** once ready (${d.ratio}× the normal rate)` : `not measured${d.error ? ` (${d.error})` : ''}`}

| restart at (s) | cause | /ready after (s) | owed at restart | that backlog gone after (s) | rate (/s) |
|---|---|---|---|---|---|
${s.restarts.map((r) => `| ${r.atS} | ${r.cause}${r.outageInProgress ? ' (partner outage in progress)' : ''} | ${r.readyAfterS} | ${r.owedAtRestart} | ${r.backlogGoneAfterS ?? '—'} | ${r.ratePerSecond ?? '—'} |`).join('\n')}

| partner | accepted | simulator unique | missing | duplicates deduped by the simulator | faults played |
|---|---|---|---|---|---|
${Object.entries(s.partners).map(([p, x]) => `| ${p} | ${x.accepted} | ${x.simUnique} | ${x.missing} | ${x.simDuplicates} | ${x.simFaulted} |`).join('\n')}

Fault timeline (seconds from the first post): ${s.faults.timeline.map((f) => `${f.kind} ${f.atS}→${f.endedAtS}`).join('; ')}

${Object.entries(s.checks).map(([k, v]) => `- ${v ? '✔' : '✘'} ${k}`).join('\n')}

unaccounted: ${s.unaccounted}
${END}`;
  const marked = new RegExp(`${START}[\\s\\S]*${END}`);
  const out = marked.test(text) ? text.replace(marked, () => block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, out);
  say(`recorded in ${file}`);
}
