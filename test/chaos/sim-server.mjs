// Partner simulators for the chaos suite, as their own process (built code from dist/).
// The standard simulators app on PORT, plus a small control server on CONTROL_PORT that hands the
// chaos runner every accepted message id with the simulator's receive sequence — the evidence for
// "exactly once by idempotency key" and "per-case order" at 100k scale, where one
// /_sim/:partner/received?messageId= call per id would be too slow.
// Recorded message bodies are trimmed to 256 characters (counts, ids and dedupe are untouched) so
// 100k SPI messages do not hold gigabytes in the simulator's heap.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const dist = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href);
const { MessageRecorder } = await dist('apps/simulators/src/core/message-recorder.js');
const { PartnerRegistry } = await dist('apps/simulators/src/core/partner-registry.service.js');
const { createSimulatorsApp } = await dist('apps/simulators/src/simulators.app.js');

const record = MessageRecorder.prototype.record;
MessageRecorder.prototype.record = function trimmedRecord(m) {
  return record.call(this, { ...m, raw: typeof m.raw === 'string' ? m.raw.slice(0, 256) : m.raw });
};

const app = await createSimulatorsApp({ logLevel: process.env.LOG_LEVEL ?? 'warn' });
await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
const registry = app.get(PartnerRegistry);

const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const m = /^\/accepted\/([a-z-]+)$/.exec(url.pathname);
  const runtime = m ? registry.get(m[1]) : undefined;
  if (!runtime) {
    res.writeHead(404).end();
    return;
  }
  // MessageRecorder keeps accepted messages by id (its dedupe index); seq is the receive order.
  const accepted = runtime.recorder.accepted;
  const ids = [];
  const seqs = [];
  for (const [id, rec] of accepted) {
    ids.push(id);
    seqs.push(rec.seq);
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ stats: runtime.recorder.stats(), ids, seqs }));
});
control.listen(Number(process.env.CONTROL_PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ ready: true, url: `http://127.0.0.1:${app.getHttpServer().address().port}`, control: `http://127.0.0.1:${control.address().port}` }) + '\n');
});
