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
      n++;
      try { if (await call()) continue; } catch { /* counted below */ }
      errors++;
    }
  }));
  return { ok: n - errors, errors, ms: Date.now() - t0 };
}

/**
 * The three clients take turns in short rounds (order rotated each round) after a warm-up, so a
 * slow spell of this shared machine, or the responder's own warm-up, falls on all of them alike
 * instead of on whichever ran first; each rate is its calls over its own time.
 */
export async function sender({ seconds = 5, concurrency = 64, envelope, rounds = 4 }) {
  const port = 4990 + Math.floor(Math.random() * 9);
  const responder = fork(new URL('./cjse-responder.mjs', import.meta.url), [], { env: { ...process.env, PORT: String(port) } });
  await new Promise((r) => responder.once('message', r));
  const url = `http://127.0.0.1:${port}/cjse/spi`;
  const withId = (i) => envelope.replace(/<RequestID>[^<]*</, `<RequestID>m-${i}<`);
  const bridge = new SoapTransport({ url, timeoutMs: 10_000, connections: concurrency });
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency });
  try {
    const client = await soap.createClientAsync(join(fixturesRoot(), 'cp-spi-staging/wsdl/spi.wsdl'), { endpoint: url });
    const message = /<Message>([\s\S]*)<\/Message>/.exec(envelope)?.[1] ?? '';
    let id = 0;
    const calls = {
      bridge: async () => { const i = id++; return (await bridge.send({ payload: withId(i), contentType: 'text/xml; charset=utf-8', messageId: `m-${i}` })).kind === 'success'; },
      nodeSoap: async () => {
        const [result] = await client.submitAsync({ RequestID: `m-${id++}`, SourceID: 'C00CommonPlatform', DestinationID: 'Z00CJSE', ExecMode: 'ASYNCH', Timestamp: new Date().toISOString(), Message: message });
        return String(result?.ResponseCode) === '1';
      },
      raw: async () => {
        const res = await pool.request({ path: '/cjse/spi', method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://schemas.cjse.gov.uk/endpoint/wsdl/submit"' }, body: withId(id++) });
        await res.body.text();
        return res.statusCode === 200;
      },
    };
    const names = Object.keys(calls);
    for (const name of names) await timed(Math.min(1, seconds / 4), concurrency, calls[name]);
    const total = Object.fromEntries(names.map((k) => [k, { ok: 0, errors: 0, ms: 0 }]));
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + r) % names.length];
        const t = await timed(seconds / rounds, concurrency, calls[name]);
        for (const f of ['ok', 'errors', 'ms']) total[name][f] += t[f];
        await sleep(100);
      }
    }
    const rate = (name) => Math.round(total[name].ok / (total[name].ms / 1000));
    const [b, ns, raw] = names.map(rate);
    return { bridgePerSec: b, nodeSoapPerSec: ns, rawPerSec: raw, vsNodeSoap: +(b / ns).toFixed(2), vsRaw: +(b / raw).toFixed(2), rounds, errors: { bridge: total.bridge.errors, nodeSoap: total.nodeSoap.errors, raw: total.raw.errors } };
  } finally {
    await bridge.close();
    await pool.close();
    responder.kill();
  }
}
