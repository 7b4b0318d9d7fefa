import { type Server, createServer } from 'node:http';
import type { Metrics } from '../../../../libs/observability/src/metrics.js';

/** /health (process alive), /ready (ledger and Redis answer) and /metrics (Prometheus) for the worker. */
export async function startWorkerHttp(port: number, metrics: Metrics, ready: () => Promise<boolean>): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json') => res.writeHead(status, { 'content-type': type }).end(body);
    if (req.url === '/health') return send(200, '{"status":"ok"}');
    if (req.url === '/ready') {
      ready().then(
        (ok) => send(ok ? 200 : 503, JSON.stringify({ status: ok ? 'ready' : 'not-ready' })),
        () => send(503, '{"status":"not-ready"}'),
      );
      return;
    }
    if (req.url === '/metrics') {
      metrics.registry.metrics().then((text) => send(200, text, metrics.registry.contentType), () => send(500, ''));
      return;
    }
    send(404, '{"code":"HTTP.NOT_FOUND"}');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
