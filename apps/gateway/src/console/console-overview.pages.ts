import { DEFAULT_URGENCY, type UrgencyTable } from '../../../../libs/domain/src/routing/obligation.js';
import { seriesSvg } from './console-chart.js';
import { age, prettyDocument, when } from './console-format.js';
import { type ConsoleKit, type Form, one } from './console-kit.js';

const CRITICAL_FIRST: Record<string, number> = { critical: 0, high: 1, normal: 2 };

/** Overview (partners, critical first), find, and one notification's timeline. */
export function registerOverviewPages({ fastify, deps, q, registry, page, render }: ConsoleKit): void {
  const overview = async () => {
    const partners = [...deps.pins.partners.keys()];
    const [owed, status, atRisk, series, breakers] = await Promise.all([
      deps.control.owedByPartner(),
      q.partnerStatus(),
      q.atRisk(),
      q.series(),
      deps.breakers(),
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
    const [event, trail, escalations, shadow, waiting] = await Promise.all([q.event(id), q.auditFor(id), q.escalations(id), q.shadowFor(id), n.review ? q.waitingBehind(id) : []]);
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
      const d = t.detail as { contractVersion?: string; count?: number; reason?: string | null; released?: string[] };
      if (t.action === 'review.send' || t.action === 'review.dismiss') {
        const released = d.released?.length ? ` ${d.released.length} held notification(s) released.` : '';
        timeline.push({ at: t.at, kind: 'decision', title: t.action === 'review.send' ? 'Decided: send' : 'Decided: dismiss', by: t.actor, text: `${d.reason ? `“${d.reason}”` : 'No reason given.'}${released}` });
        continue;
      }
      timeline.push({ at: t.at, kind: 'action', title: t.action === 'replay' ? 'Replayed' : t.action, by: t.actor, text: t.action === 'replay' ? `Replayed${d.contractVersion ? ` through ${d.contractVersion}` : ''} (${d.count ?? 1} in that batch).` : JSON.stringify(t.detail) });
    }
    if (n.review) timeline.push({ at: n.createdAt, kind: 'review', title: 'Needs a decision', text: n.review.reason ?? 'The routing rules could not decide whether this partner must be told.' });
    if (n.status === 'parked') timeline.push({ at: n.parkedAt ?? n.updatedAt, kind: 'parked', title: 'Parked', text: `${n.lastError?.code ?? ''} ${n.lastError?.message ?? ''}`.trim() });
    timeline.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    const [contractName] = n.contract.split('@');
    const versions = registry.refs().filter((r) => r.startsWith(`${contractName}@`)).map((r) => r.split('@')[1]);
    const decided = one((req.query as Form).decided);
    const heldBehind = /^held behind (\S+)/.exec(n.holdReason ?? '')?.[1];
    return render(req, reply, 'notification.njk', { n, event, eventJson: event ? JSON.stringify(event.payload, null, 2) : null, doc: prettyDocument(n.document), timeline, shadow, versions, waiting, decided, heldBehind });
  }));
}
