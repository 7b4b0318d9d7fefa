import type { Command } from 'commander';
import { callApi, printTable } from './api-client.js';

interface FilterOpts {
  partner?: string;
  code?: string;
  contractVersion?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

const query = (o: FilterOpts) =>
  new URLSearchParams(Object.entries({ partner: o.partner, errorCode: o.code, contractVersion: o.contractVersion, from: o.from, to: o.to }).filter(([, v]) => v) as [string, string][]).toString();

const withFilters = (cmd: Command) =>
  cmd
    .option('--partner <name>', 'only this partner')
    .option('--code <code>', 'only this error code, e.g. CONTRACT.XSD_INVALID')
    .option('--contract-version <v>', 'only notifications produced by this contract version, e.g. v1')
    .option('--from <iso>', 'parked at or after')
    .option('--to <iso>', 'parked before');

/** `cp-bridge parked list|replay` and `cp-bridge reconcile`, over the gateway API. */
export function registerOperationsCommands(program: Command): void {
  const parked = program.command('parked').description('parked notifications: list them, replay them');

  withFilters(parked.command('list').description('list parked notifications with their reason, code and attempts'))
    .option('--json', 'print JSON')
    .action(async (o: FilterOpts) => {
      const { status, json } = await callApi<Record<string, unknown>[]>(`/v1/parked?${query(o)}`);
      if (status !== 200) return fail(json);
      if (o.json) console.log(JSON.stringify(json, null, 2));
      else printTable(json, ['id', 'partner', 'contract', 'errorCode', 'attempts', 'parkedAt', 'caseUrn']);
    });

  withFilters(parked.command('replay').description('replay parked notifications (one, some, or by filter), optionally through another contract version; audited'))
    .option('--id <ids...>', 'notification ids')
    .option('--through <v>', 're-map the stored domain event through this contract version, e.g. v2')
    .option('--actor <name>', 'who is replaying (audit)', process.env.USER ?? 'cli')
    .action(async (o: FilterOpts & { id?: string[]; through?: string; actor: string }) => {
      const body = { ids: o.id, partner: o.partner, errorCode: o.code, contractVersion: o.contractVersion, from: o.from, to: o.to, through: o.through };
      const { status, json } = await callApi<{ count?: number; ids?: string[] }>('/v1/parked/replay', { method: 'POST', body, actor: o.actor });
      if (status !== 200) return fail(json);
      console.log(`replayed ${json.count} notification(s)${o.through ? ` through ${o.through}` : ''}; audited as ${o.actor}`);
    });

  program
    .command('reconcile')
    .description('per partner and day: obligated, acknowledged, in flight, parked, awaiting a person, dismissed, overdue and unaccounted (must be 0)')
    .option('--from <date>', 'from (ISO date), default 7 days ago')
    .option('--to <date>', 'to (ISO date), default tomorrow')
    .option('--json', 'print JSON')
    .action(async (o: { from?: string; to?: string; json?: boolean }) => {
      const q = new URLSearchParams(Object.entries({ from: o.from, to: o.to }).filter(([, v]) => v) as [string, string][]);
      const { status, json } = await callApi<{ rows: Record<string, unknown>[]; unaccounted: number }>(`/v1/reconciliation?${q}`);
      if (status !== 200) return fail(json);
      if (o.json) console.log(JSON.stringify(json, null, 2));
      else {
        printTable(json.rows, ['day', 'partner', 'obligated', 'acknowledged', 'inFlight', 'parked', 'needsReview', 'dismissed', 'overdue', 'unaccounted']);
        console.log(`\nunaccounted: ${json.unaccounted}`);
      }
      if (json.unaccounted > 0) process.exitCode = 3;
    });
}

function fail(json: unknown): void {
  const e = json as { code?: string; message?: string };
  console.error(`${e.code ?? 'CLI.FAILED'}: ${e.message ?? JSON.stringify(json)}`);
  process.exitCode = 1;
}
