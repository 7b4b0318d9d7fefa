import { buildCatalogue, type Catalogue } from '../../../../libs/contracts-kit/src/catalogue/process-catalogue.js';
import { toCsv } from './console-format.js';
import { type ConsoleKit, type Form, isoOrUndefined, one } from './console-kit.js';

/** Contracts (versions, pins, shadows, the transitional-process catalogue) and reconciliation with its CSV. */
export function registerContractPages({ fastify, deps, q, registry, page, render, audit }: ConsoleKit): void {
  let catalogue: Promise<Catalogue> | undefined;
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
      ['partner', 'day', 'obligated', 'acknowledged', 'in_flight', 'parked', 'needs_review', 'dismissed', 'overdue', 'unaccounted'],
      report.rows.map((r) => [r.partner, r.day, r.obligated, r.acknowledged, r.inFlight, r.parked, r.needsReview, r.dismissed, r.overdue, r.unaccounted]),
    );
    return reply.header('content-disposition', `attachment; filename="reconciliation-${report.from.toISOString().slice(0, 10)}-${report.to.toISOString().slice(0, 10)}.csv"`).type('text/csv; charset=utf-8').send(csv);
  }));
}
