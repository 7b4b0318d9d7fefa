import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import nunjucks from 'nunjucks';
import { buildCatalogue, type Catalogue } from '../../../../libs/contracts-kit/src/catalogue/process-catalogue.js';
import { projectRoot } from '../../../../libs/contracts-kit/src/paths.js';
import type { PinStore } from '../../../../libs/contracts-kit/src/pins/index.js';
import { ContractRegistry } from '../../../../libs/contracts-kit/src/registry.js';
import type { OwedReconciler } from '../../../../libs/delivery/src/reconcile/owed-reconciler.js';
import { type DeliveryControlRepository, type LedgerRepository, type LedgerTables, type ParkedFilter, QuarantineRepository } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import { DEFAULT_URGENCY, type UrgencyTable } from '../../../../libs/domain/src/routing/obligation.js';
import { SPI_ENDPOINT } from '../inbound/inbound-spi.processor.js';
import type { InboundRuntime } from '../inbound/inbound.runtime.js';
import { CJSE_SUBMIT_ACTION } from '../../../../libs/soap/src/cjse-response.js';
import { type ConsoleUser, type ConsoleUsers, ConsoleSessions, loadConsoleUsers, readCookie, SESSION_COOKIE } from './console-auth.js';
import { seriesSvg } from './console-chart.js';
import { age, prettyDocument, toCsv, when } from './console-format.js';
import { ConsoleQueries } from './console-queries.js';
import { mountBullBoard } from './console-queues.js';
import { sendStatic } from './console-static.js';

export const CONSOLE_PATH = '/console';

export interface ConsoleDeps {
  readonly db: Kysely<LedgerTables>;
  readonly ledger: LedgerRepository;
  readonly control: DeliveryControlRepository;
  readonly reconciler?: OwedReconciler;
  readonly pins: PinStore;
  readonly queues: ReadonlyMap<string, Queue>;
  /** Breaker states the worker publishes (hash `<prefix>:breakers`). */
  readonly redis: Redis;
  readonly prefix: string;
  readonly logger: Logger;
  /** The inbound runtime (quarantine release re-runs through its processor), when served. */
  readonly inbound?: () => InboundRuntime | undefined;
  /** Criticality per partner (critical first on the overview). */
  readonly urgency?: UrgencyTable;
  readonly users?: ConsoleUsers;
  readonly sessions?: ConsoleSessions;
}

type Req = FastifyRequest & { consoleUser?: ConsoleUser; consoleToken?: string };
type Form = Record<string, string | string[] | undefined>;

const here = fileURLToPath(new URL('.', import.meta.url));
const GOVUK = join(projectRoot, 'node_modules/govuk-frontend/dist');
const MOJ = join(projectRoot, 'node_modules/@ministryofjustice/frontend');
const NAV = [
  { href: '/console', text: 'Overview' },
  { href: '/console/find', text: 'Find a notification' },
  { href: '/console/parked', text: 'Parked' },
  { href: '/console/quarantine', text: 'Quarantine' },
  { href: '/console/contracts', text: 'Contracts' },
  { href: '/console/reconciliation', text: 'Reconciliation' },
  { href: '/console/queues', text: 'Queues' },
];
const CRITICAL_FIRST: Record<string, number> = { critical: 0, high: 1, normal: 2 };

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const isoOrUndefined = (v: string | undefined): Date | undefined => {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

/**
 * The operations console (issue 8): server-rendered GOV.UK / MoJ Frontend pages under /console,
 * on the gateway's Fastify instance. Every path but login and static assets needs a session; only
 * operators may act; every action is audited with the operator's name.
 */
export async function registerConsole(fastify: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const users = deps.users ?? loadConsoleUsers();
  const sessions = deps.sessions ?? new ConsoleSessions();
  const q = new ConsoleQueries(deps.db);
  const quarantine = new QuarantineRepository(deps.db);
  const registry = await ContractRegistry.discover();
  let catalogue: Promise<Catalogue> | undefined;
  const log = deps.logger;

  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([join(here, 'views'), GOVUK, MOJ], { noCache: false }),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addFilter('when', when);
  env.addFilter('age', age);
  env.addFilter('json', (v: unknown) => JSON.stringify(v, null, 2));

  const render = (req: Req, reply: FastifyReply, template: string, ctx: Record<string, unknown> = {}, status = 200) => {
    const path = (req.url ?? '').split('?')[0]!;
    const user = req.consoleUser;
    const html = env.render(template, {
      ...ctx,
      user,
      csrf: req.consoleToken ? sessions.csrf(req.consoleToken) : '',
      nav: NAV.map((n) => ({ ...n, active: n.href === '/console' ? path === '/console' || path === '/console/' : path.startsWith(n.href) })),
      assetPath: '/console/assets/govuk/assets',
      isOperator: user?.role === 'operator',
    });
    return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  };
  const forbidden = (req: Req, reply: FastifyReply, what: string) =>
    render(req, reply, 'forbidden.njk', { what, role: req.consoleUser?.role }, 403);
  const audit = (req: Req, action: string, detail: unknown) =>
    deps.ledger.appendAudit(`console:${req.consoleUser?.name ?? 'anonymous'}`, action, detail).catch((e: Error) => log.error({ code: 'AUDIT.FAILED', err: e.message }, 'audit write failed'));
  /** Operator role and a valid CSRF token, or an answer already sent. */
  const mayAct = (req: Req, reply: FastifyReply, what: string): boolean => {
    if (req.consoleUser?.role !== 'operator') {
      void forbidden(req, reply, what);
      return false;
    }
    if (!sessions.checkCsrf(req.consoleToken, (req.body as Form | undefined)?._csrf)) {
      void render(req, reply, 'error.njk', { title: 'This form has expired', message: 'The form was not sent from this console session. Go back, reload the page and try again.' }, 400);
      return false;
    }
    return true;
  };
  const page = (handler: (req: Req, reply: FastifyReply) => Promise<unknown>) => async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      return await handler(req as Req, reply);
    } catch (e) {
      log.error({ code: 'CONSOLE.ERROR', err: (e as Error).message }, 'console page failed');
      return render(req as Req, reply, 'error.njk', { title: 'Sorry, there is a problem', message: (e as Error).message }, 500);
    }
  };

  // Authentication for everything under /console (pages, bull-board, its API) except login and assets.
  fastify.addHook('onRequest', async (request, reply) => {
    const url = request.url ?? '';
    if (url !== CONSOLE_PATH && !url.startsWith(`${CONSOLE_PATH}/`) && !url.startsWith(`${CONSOLE_PATH}?`)) return;
    const path = url.split('?')[0]!;
    reply.header('x-frame-options', 'DENY').header('referrer-policy', 'same-origin').header('x-content-type-options', 'nosniff');
    if (path === '/console/login' || path.startsWith('/console/assets/')) return;
    const req = request as Req;
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const user = sessions.read(token);
    if (!user) {
      if (req.method === 'GET' && !path.startsWith('/console/queues/api')) return reply.redirect(`/console/login?next=${encodeURIComponent(url)}`, 303);
      return reply.status(401).type('text/plain').send('sign in to the console first');
    }
    req.consoleUser = user;
    req.consoleToken = token;
    if (path.startsWith('/console/queues') && req.method !== 'GET') {
      // bull-board's own API (its browser app): same-origin only, operators only, audited.
      const site = req.headers['sec-fetch-site'];
      const origin = req.headers.origin;
      if ((site && site !== 'same-origin') || (origin && new URL(origin).host !== req.headers.host)) return reply.status(403).type('text/plain').send('cross-site request refused');
      if (user.role !== 'operator') return reply.status(403).type('application/json').send({ error: 'viewers may look at the queues but not change them; ask an operator' });
      await audit(req, 'console.queues', { method: req.method, path });
    }
  });

  // Static assets: GOV.UK Frontend, MoJ Frontend and the console's own script, from node_modules.
  const cssRewrite = { from: '/assets/', to: '/console/assets/govuk/assets/' };
  fastify.get('/console/assets/govuk/*', (req, reply) => sendStatic(reply, join(GOVUK, 'govuk'), (req.params as { '*': string })['*'], cssRewrite));
  fastify.get('/console/assets/moj/*', (req, reply) => sendStatic(reply, join(MOJ, 'moj'), (req.params as { '*': string })['*'], cssRewrite));
  fastify.get('/console/assets/console/*', (req, reply) => sendStatic(reply, join(here, 'public'), (req.params as { '*': string })['*']));

  // Sign in / out.
  fastify.get('/console/login', page(async (req, reply) => render(req, reply, 'login.njk', { next: one((req.query as Form).next) ?? '/console' })));
  fastify.post('/console/login', page(async (req, reply) => {
    const body = (req.body ?? {}) as Form;
    const name = one(body.username) ?? '';
    const password = (Array.isArray(body.password) ? body.password[0] : body.password) ?? '';
    const nextRaw = one(body.next) ?? '/console';
    const next = /^\/console(\/|$|\?)/.test(nextRaw) && !nextRaw.includes('//') ? nextRaw : '/console';
    const user = name && password ? users.verify(name, password) : undefined;
    if (!user) {
      await deps.ledger.appendAudit(`console:${name || 'anonymous'}`, 'console.login-failed', { remoteAddr: req.ip }).catch(() => undefined);
      return render(req, reply, 'login.njk', { next, username: name, error: 'Enter a correct user name and password' }, 401);
    }
    req.consoleUser = user;
    await audit(req, 'console.login', { role: user.role, remoteAddr: req.ip });
    const secure = req.protocol === 'https' ? '; Secure' : '';
    void reply.header('set-cookie', `${SESSION_COOKIE}=${sessions.issue(user)}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(sessions.ttlMs / 1000)}${secure}`);
    return reply.redirect(next, 303);
  }));
  fastify.post('/console/logout', page(async (_req, reply) => {
    void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0`);
    return reply.redirect('/console/login', 303);
  }));

  // Overview.
  const overview = async () => {
    const partners = [...deps.pins.partners.keys()];
    const [owed, status, atRisk, series, breakers] = await Promise.all([
      deps.control.owedByPartner(),
      q.partnerStatus(),
      q.atRisk(),
      q.series(),
      deps.redis.hgetall(`${deps.prefix}:breakers`).catch(() => null),
    ]);
    const rows = partners
      .map((p) => {
        const o = owed.find((r) => r.partner === p);
        const s = status.find((r) => r.partner === p);
        const criticality = (deps.urgency ?? DEFAULT_URGENCY)[p as keyof UrgencyTable]?.criticality ?? 'normal';
        return {
          partner: p,
          owed: o?.owed ?? 0,
          oldestAge: o?.owed ? age(o.oldestAgeSeconds) : '–',
          inFlight: s?.inFlight ?? 0,
          acknowledgedToday: s?.acknowledgedToday ?? 0,
          parked: s?.parked ?? 0,
          needsReview: s?.needsReview ?? 0,
          overdue: s?.overdue ?? 0,
          breaker: breakers === null ? null : (breakers[p] ?? 'closed'),
          atRisk: atRisk.filter((a) => a.partner === p).length,
          criticality,
        };
      })
      .sort((a, b) => (CRITICAL_FIRST[a.criticality] ?? 2) - (CRITICAL_FIRST[b.criticality] ?? 2));
    return { rows, atRisk, chart: seriesSvg(series), series, breakersKnown: breakers !== null, refreshedAt: new Date() };
  };
  fastify.get('/console', page(async (req, reply) => render(req, reply, 'overview.njk', { ...(await overview()), refresh: true })));
  fastify.get('/console/overview/live', page(async (req, reply) => render(req, reply, 'overview-live.njk', await overview())));

  // Find a notification.
  fastify.get('/console/find', page(async (req, reply) => {
    const term = one((req.query as Form).q);
    const results = term ? await q.find(term) : [];
    return render(req, reply, 'find.njk', { term, results });
  }));
  fastify.get('/console/notifications/:id', page(async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const n = await deps.ledger.getNotification(id);
    if (!n) return render(req, reply, 'error.njk', { title: 'Notification not found', message: `There is no notification ${id}.` }, 404);
    const [event, trail, escalations, shadow] = await Promise.all([q.event(id), q.auditFor(id), q.escalations(id), q.shadowFor(id)]);
    const timeline: { at: Date; title: string; by?: string; text: string; kind: string }[] = [];
    timeline.push({ at: event?.receivedAt ?? n.createdAt, kind: 'accepted', title: 'Accepted', text: `Hearing result received from ${event?.source ?? 'the platform'}; obligation to notify ${n.partner} recorded (deadline ${when(n.deadlineAt)}).` });
    for (const a of n.attempts) {
      timeline.push({
        at: a.finishedAt,
        kind: a.outcome === 'success' ? 'ack' : 'attempt',
        title: a.outcome === 'success' ? `Attempt ${a.attemptNo}: acknowledged` : `Attempt ${a.attemptNo}: failed (${a.outcome})`,
        text: a.outcome === 'success' ? `Partner reference ${a.ackRef ?? '–'} after ${a.durationMs} ms.` : `${a.errorCode ?? 'no code'}: ${a.errorMessage ?? ''} (${a.durationMs} ms)`,
      });
    }
    for (const e of escalations) timeline.push({ at: e.firedAt, kind: 'escalation', title: `Escalated: ${e.level}`, text: 'Deadline escalation fired.' });
    for (const t of trail) {
      const d = t.detail as { contractVersion?: string; count?: number };
      timeline.push({ at: t.at, kind: 'action', title: t.action === 'replay' ? 'Replayed' : t.action, by: t.actor, text: t.action === 'replay' ? `Replayed${d.contractVersion ? ` through ${d.contractVersion}` : ''} (${d.count ?? 1} in that batch).` : JSON.stringify(t.detail) });
    }
    if (n.status === 'parked') timeline.push({ at: n.parkedAt ?? n.updatedAt, kind: 'parked', title: 'Parked', text: `${n.lastError?.code ?? ''} ${n.lastError?.message ?? ''}`.trim() });
    timeline.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    const [contractName] = n.contract.split('@');
    const versions = registry.refs().filter((r) => r.startsWith(`${contractName}@`)).map((r) => r.split('@')[1]);
    return render(req, reply, 'notification.njk', { n, event, eventJson: event ? JSON.stringify(event.payload, null, 2) : null, doc: prettyDocument(n.document), timeline, shadow, versions });
  }));

  // Parked: list, confirm, replay.
  const parkedFilter = (f: Form): ParkedFilter & { through?: string } => {
    const ids = ([] as string[]).concat(f.ids ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    return {
      partner: one(f.partner),
      errorCode: one(f.errorCode),
      contractVersion: one(f.contractVersion),
      from: isoOrUndefined(one(f.from)),
      to: isoOrUndefined(one(f.to)),
      ...(ids.length ? { ids } : {}),
      through: one(f.through),
    };
  };
  const filterQuery = (f: ParkedFilter & { through?: string }) =>
    new URLSearchParams(Object.entries({ partner: f.partner, errorCode: f.errorCode, contractVersion: f.contractVersion, from: f.from?.toISOString(), to: f.to?.toISOString(), ids: f.ids?.join(','), through: f.through }).filter((e): e is [string, string] => !!e[1])).toString();
  fastify.get('/console/parked', page(async (req, reply) => {
    const f = parkedFilter(req.query as Form);
    const [rows, codes] = await Promise.all([deps.control.listParked({ ...f, limit: 500 }), q.parkedCodes()]);
    return render(req, reply, 'parked.njk', { f, rows, codes, partners: [...deps.pins.partners.keys()], qs: filterQuery(f), versions: registry.refs() });
  }));
  const checkThrough = (f: ParkedFilter & { through?: string }): string | undefined => {
    if (!f.through) return undefined;
    if (!/^v\d+$/.test(f.through)) return 'The version to replay through must look like v2.';
    return undefined;
  };
  fastify.get('/console/parked/replay', page(async (req, reply) => {
    if (req.consoleUser?.role !== 'operator') return forbidden(req, reply, 'replay parked notifications');
    const f = parkedFilter(req.query as Form);
    const { through, ...filter } = f;
    if (!Object.values(filter).some((v) => v !== undefined)) return render(req, reply, 'error.njk', { title: 'Choose what to replay', message: 'Filter the parked list (or pick one notification) before replaying.' }, 400);
    const problem = checkThrough(f);
    if (problem) return render(req, reply, 'error.njk', { title: 'Cannot replay', message: problem }, 400);
    const rows = await deps.control.listParked({ ...filter, limit: 10_000 });
    const names = [...new Set(rows.map((r) => r.contract.split('@')[0]!))];
    const throughOptions = [...new Set(registry.refs().map((r) => r.split('@')[1]!))].filter((v) => names.length > 0 && names.every((n) => registry.has(`${n}@${v}`))).sort();
    return render(req, reply, 'replay-confirm.njk', { f, rows: rows.slice(0, 50), count: rows.length, through, throughOptions });
  }));
  fastify.post('/console/parked/replay', page(async (req, reply) => {
    if (!mayAct(req, reply, 'replay parked notifications')) return reply;
    const f = parkedFilter(req.body as Form);
    const { through, ...filter } = f;
    if (!Object.values(filter).some((v) => v !== undefined)) return render(req, reply, 'error.njk', { title: 'Choose what to replay', message: 'Filter the parked list (or pick one notification) before replaying.' }, 400);
    const problem = checkThrough(f);
    if (problem) return render(req, reply, 'error.njk', { title: 'Cannot replay', message: problem }, 400);
    const result = await deps.control.replay(filter, { actor: `console:${req.consoleUser!.name}`, contractVersion: through });
    log.info({ actor: req.consoleUser!.name, count: result.count, through, code: 'CONSOLE.REPLAY' }, 'replayed from the console');
    return render(req, reply, 'replay-done.njk', { result, through, ids: result.ids.slice(0, 100) });
  }));

  // Quarantine: list, show, confirm, release.
  fastify.get('/console/quarantine', page(async (req, reply) => {
    const f = req.query as Form;
    const items = await quarantine.list({ status: one(f.status), code: one(f.code), limit: 200 });
    return render(req, reply, 'quarantine.njk', { items, status: one(f.status), code: one(f.code) });
  }));
  fastify.get('/console/quarantine/:id', page(async (req, reply) => {
    const e = await quarantine.get((req.params as { id: string }).id);
    if (!e) return render(req, reply, 'error.njk', { title: 'Not in quarantine', message: 'There is no quarantined message with that id.' }, 404);
    const { raw, ...entry } = e;
    return render(req, reply, 'quarantine-entry.njk', { e: entry, raw: prettyDocument(raw?.toString('utf8').slice(0, 200_000)), releasable: e.endpoint === SPI_ENDPOINT && e.status !== 'released' });
  }));
  fastify.get('/console/quarantine/:id/release', page(async (req, reply) => {
    if (req.consoleUser?.role !== 'operator') return forbidden(req, reply, 'release quarantined messages');
    const e = await quarantine.get((req.params as { id: string }).id, false);
    if (!e) return render(req, reply, 'error.njk', { title: 'Not in quarantine', message: 'There is no quarantined message with that id.' }, 404);
    return render(req, reply, 'release-confirm.njk', { e });
  }));
  fastify.post('/console/quarantine/:id/release', page(async (req, reply) => {
    if (!mayAct(req, reply, 'release quarantined messages')) return reply;
    const id = (req.params as { id: string }).id;
    const entry = await quarantine.get(id);
    if (!entry?.raw) return render(req, reply, 'error.njk', { title: 'Not in quarantine', message: 'There is no quarantined message with that id.' }, 404);
    let outcome: { accepted: boolean; code: string; message: string; eventId?: string | null; notificationId?: string | null };
    const processor = deps.inbound?.()?.processor;
    if (entry.endpoint !== SPI_ENDPOINT) outcome = { accepted: false, code: 'QUARANTINE.NOT_RELEASABLE', message: `It came in at ${entry.endpoint}; only ${SPI_ENDPOINT} messages can be re-run (the platform re-sends its own).` };
    else if (entry.status === 'released') outcome = { accepted: false, code: 'QUARANTINE.ALREADY_RELEASED', message: `It was released at ${when(entry.releasedAt)}.` };
    else if (!processor) outcome = { accepted: false, code: 'CONTRACT.SCHEMA_MISSING', message: 'The inbound SPI endpoint is disabled here (schemas missing), so nothing can be re-run.' };
    else {
      const actor = `console:${req.consoleUser!.name}`;
      const out = await processor.process({ raw: entry.raw, contentType: 'text/xml', soapAction: CJSE_SUBMIT_ACTION, release: { actor, quarantineId: id } });
      const accepted = out.code === 'INBOUND.ACCEPTED';
      const recorded = { code: out.code, responseCode: out.responseCode ?? null, eventId: out.eventId ?? null, notificationId: out.notificationId ?? null, endpoint: SPI_ENDPOINT };
      await quarantine.recordRelease(id, accepted, recorded);
      outcome = { accepted, code: out.code, message: accepted ? 'Accepted on re-run.' : 'Still refused.', eventId: out.eventId ?? null, notificationId: out.notificationId ?? null };
    }
    await audit(req, 'quarantine.release', { id, ...outcome });
    return render(req, reply, 'release-done.njk', { id, outcome });
  }));

  // Contracts.
  fastify.get('/console/contracts', page(async (req, reply) => {
    catalogue ??= buildCatalogue().catch((e: Error) => ({ entries: [], problems: [`catalogue could not be built: ${e.message}`] }));
    const s = deps.pins.snapshot;
    const [shadows, cat] = await Promise.all([q.shadowSummary(), catalogue]);
    const contracts = new Map<string, string[]>();
    for (const ref of registry.refs()) {
      const [name, version] = ref.split('@') as [string, string];
      contracts.set(name, [...(contracts.get(name) ?? []), version]);
    }
    const pins = [...s.config.partners.values()].map((p) => ({ partner: p.name, contract: p.contract, routes: p.routes ?? [], shadow: s.shadows.get(p.name) ?? null }));
    const groups = [...new Set(cat.entries.map((e) => `${e.contract}@${e.version}`))].map((ref) => {
      const entries = cat.entries.filter((e) => `${e.contract}@${e.version}` === ref);
      return { ref, entries, covered: entries.filter((e) => e.fixtures.length > 0).length };
    });
    return render(req, reply, 'contracts.njk', { contracts: [...contracts.entries()].map(([name, versions]) => ({ name, versions })), pins, shadows, groups, problems: cat.problems, loadedAt: s.loadedAt, file: s.path });
  }));

  // Reconciliation and its CSV.
  const reconciliation = async (f: Form) => {
    if (!deps.reconciler) return undefined;
    const from = isoOrUndefined(one(f.from)) ?? new Date(Date.now() - 7 * 86_400_000);
    const to = isoOrUndefined(one(f.to)) ?? new Date(Date.now() + 86_400_000);
    const rows = await deps.reconciler.report(from, to);
    return { from, to, rows, unaccounted: rows.reduce((n, r) => n + r.unaccounted, 0), obligated: rows.reduce((n, r) => n + r.obligated, 0), at: new Date() };
  };
  fastify.get('/console/reconciliation', page(async (req, reply) => {
    const report = await reconciliation(req.query as Form);
    const f = req.query as Form;
    return render(req, reply, 'reconciliation.njk', { report, qs: new URLSearchParams(Object.entries({ from: one(f.from), to: one(f.to) }).filter((e): e is [string, string] => !!e[1])).toString(), fromValue: one(f.from) ?? '', toValue: one(f.to) ?? '' });
  }));
  fastify.get('/console/reconciliation.csv', page(async (req, reply) => {
    const report = await reconciliation(req.query as Form);
    if (!report) return reply.status(503).type('text/plain').send('reconciliation needs Redis (REDIS_URL)');
    await audit(req, 'console.reconciliation-export', { from: report.from, to: report.to, rows: report.rows.length, unaccounted: report.unaccounted });
    const csv = toCsv(
      ['partner', 'day', 'obligated', 'acknowledged', 'in_flight', 'parked', 'needs_review', 'overdue', 'unaccounted'],
      report.rows.map((r) => [r.partner, r.day, r.obligated, r.acknowledged, r.inFlight, r.parked, r.needsReview, r.overdue, r.unaccounted]),
    );
    return reply.header('content-disposition', `attachment; filename="reconciliation-${report.from.toISOString().slice(0, 10)}-${report.to.toISOString().slice(0, 10)}.csv"`).type('text/csv; charset=utf-8').send(csv);
  }));

  // Queue internals (bull-board), same session and roles.
  try {
    await mountBullBoard(fastify, deps.queues);
  } catch (e) {
    log.warn({ code: 'CONSOLE.QUEUES_UNAVAILABLE', err: (e as Error).message }, 'bull-board not mounted');
    fastify.get('/console/queues', page(async (req, reply) => render(req, reply, 'error.njk', { title: 'Queue internals unavailable', message: `bull-board could not be mounted: ${(e as Error).message}` }, 503)));
  }
}
