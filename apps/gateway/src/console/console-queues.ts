import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { sendStatic } from './console-static.js';

const require = createRequire(import.meta.url);

type Handler = (req: { queues: unknown; uiConfig: unknown; params: unknown; query: unknown; body: unknown; headers: unknown }) => Promise<{ status?: number; body?: unknown }>;
interface ApiRoute {
  method: string | string[];
  route: string | string[];
  handler: Handler;
}

/**
 * bull-board (queue internals for engineers) mounted under /console/queues. A small server adapter
 * of our own instead of @bull-board/fastify: that one needs @fastify/static, which some runtimes
 * (Jest ESM on Node 20) cannot load. The console's auth hook covers every path here.
 */
class ConsoleBoardAdapter {
  basePath = '';
  statics?: { route: string; path: string };
  viewPath?: string;
  apiRoutes: ApiRoute[] = [];
  entry?: { routes: string[]; handler: (p: { basePath: string; uiConfig: unknown }) => { name: string; params: Record<string, unknown> } };
  errorHandler?: (e: Error) => { status?: number; body?: unknown };
  queues: unknown;
  uiConfig: unknown = {};

  setBasePath(p: string) { this.basePath = p; return this; }
  setStaticPath(route: string, path: string) { this.statics = { route, path }; return this; }
  setViewsPath(p: string) { this.viewPath = p; return this; }
  setErrorHandler(h: ConsoleBoardAdapter['errorHandler']) { this.errorHandler = h; return this; }
  setApiRoutes(r: ApiRoute[]) { this.apiRoutes = r; return this; }
  setEntryRoute(r: { route: string | string[]; handler: NonNullable<ConsoleBoardAdapter['entry']>['handler'] }) {
    this.entry = { routes: ([] as string[]).concat(r.route), handler: r.handler };
    return this;
  }
  setQueues(q: unknown) { this.queues = q; return this; }
  setUIConfig(c: unknown = {}) { this.uiConfig = c; return this; }
}

export async function mountBullBoard(fastify: FastifyInstance, queues: ReadonlyMap<string, Queue>, base = '/console/queues'): Promise<void> {
  const { createBullBoard } = (await import('@bull-board/api')) as { createBullBoard: (o: unknown) => unknown };
  const { BullMQAdapter } = (await import('@bull-board/api/bullMQAdapter')) as { BullMQAdapter: new (q: Queue, o?: unknown) => unknown };
  const ejs = (await import('ejs')).default;
  const adapter = new ConsoleBoardAdapter().setBasePath(base);
  createBullBoard({
    queues: [...queues.values()].map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiBasePath: dirname(require.resolve('@bull-board/ui/package.json')), uiConfig: { boardTitle: 'cp-bridge queues' } },
  });
  const { statics, viewPath, entry, errorHandler } = adapter;
  if (!statics || !viewPath || !entry || !errorHandler) throw new Error('bull-board did not configure its adapter');
  fastify.get(`${base}${statics.route}/*`, (req, reply) => sendStatic(reply, statics.path, (req.params as { '*': string })['*']));
  for (const route of entry.routes) {
    fastify.get(`${base}${route}`, async (_req, reply) => {
      const { name, params } = entry.handler({ basePath: `${base}/`, uiConfig: adapter.uiConfig });
      const html = await ejs.renderFile(join(viewPath, name), params);
      return reply.type('text/html; charset=utf-8').send(html);
    });
  }
  try {
    fastify.get(base, (_req, reply) => reply.redirect(`${base}/`));
  } catch {
    // ignoreTrailingSlash: `${base}/` already answers it
  }
  for (const r of adapter.apiRoutes) {
    for (const route of ([] as string[]).concat(r.route)) {
      fastify.route({
        method: ([] as string[]).concat(r.method).map((m) => m.toUpperCase()) as never,
        url: `${base}${route}`,
        handler: async (req, reply) => {
          try {
            const res = await r.handler({ queues: adapter.queues, uiConfig: adapter.uiConfig, params: req.params, query: req.query, body: req.body, headers: req.headers });
            return reply.status(res.status ?? 200).send(res.body);
          } catch (e) {
            const res = errorHandler(e as Error);
            return reply.status(res.status ?? 500).send(res.body);
          }
        },
      });
    }
  }
}
