import type { Command } from 'commander';
import { callApi, printTable } from './api-client.js';

interface ReviewItem {
  id: string;
  partner: string;
  contract: string;
  caseUrn: string | null;
  reason: string | null;
  evidence: { code: string; path: string; detail: string }[];
  createdAt: string;
  deadlineAt: string;
  heldSuccessors: number;
}

interface ListOpts {
  partner?: string;
  minAge?: string;
  reason?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

/**
 * `cp-bridge review list|send|dismiss`: notifications the routing rules could not decide, and a
 * person's decision on each — over the gateway API (never the database), so the decision is
 * recorded as the API client whose key is used (CP_BRIDGE_API_KEY; it needs the operator scope).
 */
export function registerReviewCommands(program: Command): void {
  const review = program.command('review').description('notifications awaiting a person: list them, send or dismiss one');

  review
    .command('list')
    .description('what awaits a decision, soonest deadline first, with the evidence the routing rule found')
    .option('--partner <name>', 'only this partner')
    .option('--min-age <age>', 'only items at least this old: 90s, 30m, 2h, 1d')
    .option('--reason <text>', 'only items whose review reason contains this')
    .option('--limit <n>', 'at most this many (default 50)')
    .option('--offset <n>', 'skip this many')
    .option('--json', 'print JSON')
    .action(async (o: ListOpts) => {
      const q = new URLSearchParams(Object.entries({ partner: o.partner, minAge: o.minAge, reason: o.reason, limit: o.limit, offset: o.offset }).filter(([, v]) => v) as [string, string][]);
      const { status, json } = await callApi<{ items: ReviewItem[]; total: number; offset: number }>(`/v1/reviews?${q}`);
      if (status !== 200) return fail(json);
      if (o.json) return console.log(JSON.stringify(json, null, 2));
      printTable(json.items.map((i) => ({ ...i, caseUrn: i.caseUrn ?? '–' })), ['id', 'partner', 'contract', 'caseUrn', 'deadlineAt', 'heldSuccessors', 'reason']);
      for (const i of json.items) {
        console.log(`\n${i.id} (${i.partner}): ${i.reason ?? ''}`);
        for (const e of i.evidence) console.log(`  ${e.code}  ${e.path}  ${e.detail}`);
      }
      console.log(`\n${json.items.length} of ${json.total} awaiting a decision${json.offset ? ` (from ${json.offset})` : ''}`);
    });

  review
    .command('send <id>')
    .description('send it: mapped with its pinned contract and delivered like any other notification; audited')
    .option('--reason <text>', 'why (recorded with the decision)')
    .action(async (id: string, o: { reason?: string }) => decide(id, 'send', o.reason));

  review
    .command('dismiss <id>')
    .description('do not send it (final); the reason is required and recorded; later notifications for the same case and defendant go on at once')
    .requiredOption('--reason <text>', 'why the partner is not to be told')
    .action(async (id: string, o: { reason: string }) => decide(id, 'dismiss', o.reason));
}

async function decide(id: string, decision: 'send' | 'dismiss', reason: string | undefined): Promise<void> {
  const { status, json } = await callApi<{ status?: string; released?: string[] }>(`/v1/notifications/${encodeURIComponent(id)}/review`, { method: 'POST', body: { decision, ...(reason ? { reason } : {}) } });
  if (status !== 200) return fail(json);
  const released = json.released?.length ? `; ${json.released.length} held notification(s) released` : '';
  console.log(decision === 'send' ? `${id}: sent (now ${json.status}, on its way to the partner)${released}` : `${id}: dismissed${released}`);
}

function fail(json: unknown): void {
  const e = json as { code?: string; message?: string; problems?: { path: string; message: string }[] };
  console.error(`${e.code ?? 'CLI.FAILED'}: ${e.message ?? JSON.stringify(json)}`);
  for (const p of e.problems ?? []) console.error(`  ${p.path}: ${p.message}`);
  process.exitCode = e.code === 'REVIEW.NOT_PENDING' ? 2 : 1;
}
