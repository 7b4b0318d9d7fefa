import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import type { PartnerRegistry } from './partner-registry.service.js';
import type { PartnerRuntime } from './partner-runtime.js';
import type { SimReply, SimRequest } from './simulated-partner.js';

/**
 * Partner traffic routes, registered straight on Fastify inside their own encapsulated plugin: they
 * need the raw body bytes whatever the content type, and the socket itself for reset/timeout faults.
 */
export function partnerRoutesPlugin(registry: PartnerRegistry) {
  return async function partnerRoutes(app: FastifyInstance): Promise<void> {
    const hung = new Set<Socket>();
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    app.addHook('onClose', async () => {
      for (const s of hung) s.destroy();
      hung.clear();
    });

    for (const runtime of registry.all()) {
      app.post(runtime.partner.route, (req, reply) => handle(runtime, req, reply, hung));
      for (const get of runtime.partner.extraGets ?? []) {
        app.get(get.path, async (req, reply) => {
          const r = get.handle(toSimRequest(req));
          return send(reply, r ?? { status: 404, contentType: 'text/plain', body: 'Not Found' });
        });
      }
    }
  };
}

async function handle(runtime: PartnerRuntime, req: FastifyRequest, reply: FastifyReply, hung: Set<Socket>): Promise<unknown> {
  const action = await runtime.handle(toSimRequest(req));
  switch (action.type) {
    case 'reply':
      return send(reply, action.reply);
    case 'reset':
      reply.hijack();
      req.raw.socket.destroy();
      return undefined;
    case 'hang': {
      // Never answer; the socket is only destroyed when the caller gives up or the app closes.
      reply.hijack();
      const socket = req.raw.socket;
      hung.add(socket);
      socket.once('close', () => hung.delete(socket));
      return undefined;
    }
  }
}

function send(reply: FastifyReply, r: SimReply): FastifyReply {
  return reply.code(r.status).header('content-type', r.contentType).send(r.body);
}

function toSimRequest(req: FastifyRequest): SimRequest {
  const body = req.body;
  const raw = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  return {
    raw,
    headers: req.headers,
    query: (req.query ?? {}) as Record<string, string | undefined>,
    baseUrl: `${req.protocol}://${req.headers.host ?? 'localhost'}`,
    path: req.url.split('?')[0],
  };
}
