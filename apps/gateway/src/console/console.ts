import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { projectRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { ContractRegistry } from '../../../../libs/contracts-kit/src/registry.js';
import { QuarantineRepository } from '../../../../libs/ledger/src/index.js';
import { ConsoleSessions, loadConsoleUsers, readCookie, SESSION_COOKIE } from './console-auth.js';
import { registerContractPages } from './console-contracts.pages.js';
import type { ConsoleDeps } from './console-deps.js';
import { age, when } from './console-format.js';
import { type ConsoleKit, type Form, one, type Req } from './console-kit.js';
import { registerOverviewPages } from './console-overview.pages.js';
import { registerParkedPages } from './console-parked.pages.js';
import { ConsoleQueries } from './console-queries.js';
import { registerQuarantinePages } from './console-quarantine.pages.js';
import { registerReviewPages } from './console-reviews.pages.js';
import { mountBullBoard } from './console-queues.js';
import { sendStatic } from './console-static.js';

export type { ConsoleDeps } from './console-deps.js';

export const CONSOLE_PATH = '/console';

const here = fileURLToPath(new URL('.', import.meta.url));
const GOVUK = join(projectRoot, 'node_modules/govuk-frontend/dist');
const MOJ = join(projectRoot, 'node_modules/@ministryofjustice/frontend');
const NAV = [
  { href: '/console', text: 'Overview' },
  { href: '/console/find', text: 'Find a notification' },
  { href: '/console/reviews', text: 'Needs a decision' },
  { href: '/console/parked', text: 'Parked' },
  { href: '/console/quarantine', text: 'Quarantine' },
  { href: '/console/contracts', text: 'Contracts' },
  { href: '/console/reconciliation', text: 'Reconciliation' },
  { href: '/console/queues', text: 'Queues' },
];

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

  const kit: ConsoleKit = { fastify, deps, q, quarantine, registry, log, render, forbidden, audit, mayAct, page };
  registerOverviewPages(kit);
  registerParkedPages(kit);
  registerReviewPages(kit);
  registerQuarantinePages(kit);
  registerContractPages(kit);

  // Queue internals (bull-board), same session and roles.
  const unavailable = (message: string) =>
    fastify.get('/console/queues', page(async (req, reply) => render(req, reply, 'error.njk', { title: 'Queue internals unavailable', message }, 503)));
  if (deps.queueInternals === false) {
    unavailable("The queues run on BullMQ's PostgreSQL backend (no REDIS_URL); bull-board reads Redis only. The overview and reconciliation cover every queue.");
    return;
  }
  try {
    await mountBullBoard(fastify, deps.queues);
  } catch (e) {
    log.warn({ code: 'CONSOLE.QUEUES_UNAVAILABLE', err: (e as Error).message }, 'bull-board not mounted');
    unavailable(`bull-board could not be mounted: ${(e as Error).message}`);
  }
}
