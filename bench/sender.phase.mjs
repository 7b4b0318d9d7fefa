// Outbound sender: the bridge's SOAP transport vs a node-soap client vs the raw limit (a
// precompiled envelope over undici keep-alive, no mapping, no reply parsing), same endpoint.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import soap from 'soap';
import { Pool } from 'undici';
import { SoapTransport } from '../dist/libs/soap/src/soap.transport.js';
import { fixturesRoot } from '../dist/libs/contracts-kit/src/paths.js';

async function timed(seconds, concurrency, call) {
  let n = 0, errors = 0;
  const end = Date.now() + seconds * 1000;
  const t0 = Date.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) {
      try { if (await call(n++)) continue; } catch { /* counted below */ }
      errors++;
    }
  }));
  return { perSec: Math.round((n - errors) / ((Date.now() - t0) / 1000)), errors };
}

export async function sender({ seconds = 5, concurrency = 64, envelope }) {
  const port = 4990 + Math.floor(Math.random() * 9);
  const responder = fork(new URL('./cjse-responder.mjs', import.meta.url), [], { env: { ...process.env, PORT: String(port) } });
  await new Promise((r) => responder.once('message', r));
  const url = `http://127.0.0.1:${port}/cjse/spi`;
  const withId = (i) => envelope.replace(/<RequestID>[^<]*</, `<RequestID>m-${i}<`);
  try {
    const bridge = new SoapTransport({ url, timeoutMs: 10_000, connections: concurrency });
    const b = await timed(seconds, concurrency, async (i) => (await bridge.send({ payload: withId(i), contentType: 'text/xml; charset=utf-8', messageId: `m-${i}` })).kind === 'success');
    await bridge.close();
    await sleep(300);

    const client = await soap.createClientAsync(join(fixturesRoot(), 'cp-spi-staging/wsdl/spi.wsdl'), { endpoint: url });
    const message = /<Message>([\s\S]*)<\/Message>/.exec(envelope)?.[1] ?? '';
    const ns = await timed(seconds, concurrency, async (i) => {
      const [result] = await client.submitAsync({ RequestID: `m-${i}`, SourceID: 'C00CommonPlatform', DestinationID: 'Z00CJSE', ExecMode: 'ASYNCH', Timestamp: new Date().toISOString(), Message: message });
      return String(result?.ResponseCode) === '1';
    });
    await sleep(300);

    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency });
    const raw = await timed(seconds, concurrency, async (i) => {
      const res = await pool.request({ path: '/cjse/spi', method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://schemas.cjse.gov.uk/endpoint/wsdl/submit"' }, body: withId(i) });
      await res.body.text();
      return res.statusCode === 200;
    });
    await pool.close();
    return { bridgePerSec: b.perSec, nodeSoapPerSec: ns.perSec, rawPerSec: raw.perSec, vsNodeSoap: +(b.perSec / ns.perSec).toFixed(2), vsRaw: +(b.perSec / raw.perSec).toFixed(2), errors: { bridge: b.errors, nodeSoap: ns.errors, raw: raw.errors } };
  } finally {
    responder.kill();
  }
}
