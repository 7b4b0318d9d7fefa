// Chaos suite report: the summary printed at the end, and the block `--record` writes into RELIABILITY.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultFaultsLine, defaultSummaryLines } from './report-default.mjs';
import { root, say } from './support.mjs';

export function printSummary(s) {
  const lines = [
    `date: ${s.date}`,
    `machine: nproc ${s.machine.nproc}, ${s.machine.memoryGiB} GiB RAM, ${s.machine.cpu}, node ${s.machine.node}`,
    `accepted: ${s.accepted} notifications from ${s.posts} hearing posts (${s.postRetries} posts retried) — ${Object.entries(s.acceptedByPartner).map(([p, n]) => `${p} ${n}`).join(', ')}`,
    `acknowledged: ${s.acknowledged}; not acknowledged: ${s.notAcknowledged}; attempts: ${s.totalAttempts}`,
    s.stack === 'default'
      ? `stack: default (one process, cp-bridge start on embedded defaults); faults: ${defaultFaultsLine(s)}`
      : `faults: worker SIGKILL ×${s.faults.workerKills}, Redis SIGKILL ×${s.faults.redisKills}, PostgreSQL crash-restart ×${s.faults.pgRestarts}, ${s.faults.outages.map((o) => `${o.kind} ${o.seconds} s`).join(', ')}, ${s.settings.errorRate * 100}% errors at every simulator`,
    ...(s.stack === 'default' ? defaultSummaryLines(s) : []),
    ...Object.entries(s.partners).map(([p, x]) => `  ${p.padEnd(22)} accepted ${x.accepted}  sim unique ${x.simUnique}  missing ${x.missing}  duplicates deduped ${x.simDuplicates}  faults played ${x.simFaulted}`),
    `processes: ${Object.entries(s.processes).map(([n, p]) => `${n} started ${p.starts}× (${p.unexpectedExits} unexpected exits)`).join(', ')}`,
    `per-case order: ${s.orderKeysChecked} case keys with ≥2 notifications, ${s.orderViolations} violations`,
    `duration: ${s.durationSeconds} s (posting ${s.postingSeconds} s), ${s.throughputPerSecond} notifications/s end to end`,
    `recovery: ${s.recoverySeconds} s from the last fault ending (t=${s.lastFaultEndedAtS} s) to the last acknowledgement`,
    `unaccounted: ${s.unaccounted}`,
    ...Object.entries(s.checks).map(([k, v]) => `${v ? '✔' : '✘'} ${k}`),
    s.passed ? 'CHAOS SUITE PASSED' : 'CHAOS SUITE FAILED',
  ];
  return lines.join('\n');
}

export function recordReliability(s) {
  const file = join(root, 'RELIABILITY.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Reliability\n\n<!-- chaos-run:start -->\n<!-- chaos-run:end -->\n';
  const reached = s.accepted >= s.settings.notificationsTarget ? '' : ` (**target ${s.settings.notificationsTarget} not reached**)`;
  const block = `<!-- chaos-run:start -->
## Last recorded chaos run (written by \`npm run test:chaos\`)

- date: ${s.date}
- machine: \`nproc\` = ${s.machine.nproc}; ${s.machine.cpu}; node ${s.machine.node}; ${s.machine.os}
- \`free -g\`:

\`\`\`
${s.machine.freeG}
\`\`\`

- result: **${s.passed ? 'PASSED' : 'FAILED'}**${s.timedOut ? ' (timed out waiting for the backlog)' : ''}
- accepted: **${s.accepted}** notifications${reached} from ${s.posts} hearing-result posts (${s.postRetries} posts retried with the same body) — ${Object.entries(s.acceptedByPartner).map(([p, n]) => `${p} ${n}`).join(', ')}
- traffic: ${s.templates.join('; ')}; ${s.settings.stepsPerCase} hearings per case
- acknowledged: ${s.acknowledged}; not acknowledged: ${s.notAcknowledged}; attempts recorded: ${s.totalAttempts}; cases (order keys) checked for order: ${s.orderKeysChecked}; order violations: ${s.orderViolations}; notifications with more than one success attempt: ${s.duplicateSuccessAttempts}
- faults: worker SIGKILL ×${s.faults.workerKills}, Redis SIGKILL ×${s.faults.redisKills} (AOF everysec), PostgreSQL immediate-stop restart ×${s.faults.pgRestarts}, ${s.faults.outages.map((o) => `${o.kind} ${o.seconds} s`).join(', ')}, ${s.settings.errorRate * 100}% errors at every simulator throughout
- processes: ${Object.entries(s.processes).map(([n, p]) => `${n} started ${p.starts}× (${p.unexpectedExits} unexpected exits${p.unexpectedExits ? ', restarted by the suite\'s supervisor' : ''})`).join('; ')}
- duration: ${s.durationSeconds} s from first post to last acknowledgement (posting took ${s.postingSeconds} s); ${s.throughputPerSecond} notifications/s end to end
- recovery time: **${s.recoverySeconds} s** from the last fault ending (t = ${s.lastFaultEndedAtS} s) to the last acknowledgement

| partner | accepted | simulator unique | missing | duplicates deduped by the simulator | faults played |
|---|---|---|---|---|---|
${Object.entries(s.partners).map(([p, x]) => `| ${p} | ${x.accepted} | ${x.simUnique} | ${x.missing} | ${x.simDuplicates} | ${x.simFaulted} |`).join('\n')}

Fault timeline (seconds from the first post): ${s.faults.timeline.map((f) => `${f.kind} ${f.atS}→${f.endedAtS}`).join('; ')}

${Object.entries(s.checks).map(([k, v]) => `- ${v ? '✔' : '✘'} ${k}`).join('\n')}

unaccounted: ${s.unaccounted}
<!-- chaos-run:end -->`;
  const out = /<!-- chaos-run:start -->[\s\S]*<!-- chaos-run:end -->/.test(text) ? text.replace(/<!-- chaos-run:start -->[\s\S]*<!-- chaos-run:end -->/, block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, out);
  say(`recorded in ${file}`);
}
