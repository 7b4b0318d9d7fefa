import { CJSE_SUBMIT_ACTION } from '../../../../libs/soap/src/cjse-response.js';
import { SPI_ENDPOINT } from '../inbound/inbound-spi.processor.js';
import { prettyDocument, when } from './console-format.js';
import { type ConsoleKit, type Form, one } from './console-kit.js';

/** Quarantine: list, one entry with its raw bytes, confirm and release (SPI messages re-run through the inbound processor). */
export function registerQuarantinePages({ fastify, deps, quarantine, page, render, forbidden, mayAct, audit }: ConsoleKit): void {
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
}
