import type { ParkedFilter } from '../../../../libs/ledger/src/index.js';
import { type ConsoleKit, type Form, isoOrUndefined, one } from './console-kit.js';

/** Parked notifications: filter, confirm a replay (optionally through another contract version), replay. */
export function registerParkedPages({ fastify, deps, q, registry, log, page, render, forbidden, mayAct }: ConsoleKit): void {
  // Parked: list, confirm, replay.
  const parkedFilter = (f: Form): ParkedFilter & { through?: string } => {
    const ids = ([] as string[]).concat(f.ids ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    return {
      partner: one(f.partner),
      errorCode: one(f.errorCode),
      contractVersion: one(f.contractVersion),
      from: isoOrUndefined(one(f.from)),
      to: isoOrUndefined(one(f.to)),
      ...(ids.length ? { ids } : {}),
      through: one(f.through),
    };
  };
  const filterQuery = (f: ParkedFilter & { through?: string }) =>
    new URLSearchParams(Object.entries({ partner: f.partner, errorCode: f.errorCode, contractVersion: f.contractVersion, from: f.from?.toISOString(), to: f.to?.toISOString(), ids: f.ids?.join(','), through: f.through }).filter((e): e is [string, string] => !!e[1])).toString();
  fastify.get('/console/parked', page(async (req, reply) => {
    const f = parkedFilter(req.query as Form);
    const [rows, codes] = await Promise.all([deps.control.listParked({ ...f, limit: 500 }), q.parkedCodes()]);
    return render(req, reply, 'parked.njk', { f, rows, codes, partners: [...deps.pins.partners.keys()], qs: filterQuery(f), versions: registry.refs() });
  }));
  const checkThrough = (f: ParkedFilter & { through?: string }): string | undefined => {
    if (!f.through) return undefined;
    if (!/^v\d+$/.test(f.through)) return 'The version to replay through must look like v2.';
    return undefined;
  };
  fastify.get('/console/parked/replay', page(async (req, reply) => {
    if (req.consoleUser?.role !== 'operator') return forbidden(req, reply, 'replay parked notifications');
    const f = parkedFilter(req.query as Form);
    const { through, ...filter } = f;
    if (!Object.values(filter).some((v) => v !== undefined)) return render(req, reply, 'error.njk', { title: 'Choose what to replay', message: 'Filter the parked list (or pick one notification) before replaying.' }, 400);
    const problem = checkThrough(f);
    if (problem) return render(req, reply, 'error.njk', { title: 'Cannot replay', message: problem }, 400);
    const rows = await deps.control.listParked({ ...filter, limit: 10_000 });
    const names = [...new Set(rows.map((r) => r.contract.split('@')[0]!))];
    const throughOptions = [...new Set(registry.refs().map((r) => r.split('@')[1]!))].filter((v) => names.length > 0 && names.every((n) => registry.has(`${n}@${v}`))).sort();
    return render(req, reply, 'replay-confirm.njk', { f, rows: rows.slice(0, 50), count: rows.length, through, throughOptions });
  }));
  fastify.post('/console/parked/replay', page(async (req, reply) => {
    if (!mayAct(req, reply, 'replay parked notifications')) return reply;
    const f = parkedFilter(req.body as Form);
    const { through, ...filter } = f;
    if (!Object.values(filter).some((v) => v !== undefined)) return render(req, reply, 'error.njk', { title: 'Choose what to replay', message: 'Filter the parked list (or pick one notification) before replaying.' }, 400);
    const problem = checkThrough(f);
    if (problem) return render(req, reply, 'error.njk', { title: 'Cannot replay', message: problem }, 400);
    const result = await deps.control.replay(filter, { actor: `console:${req.consoleUser!.name}`, contractVersion: through });
    log.info({ actor: req.consoleUser!.name, count: result.count, through, code: 'CONSOLE.REPLAY' }, 'replayed from the console');
    return render(req, reply, 'replay-done.njk', { result, through, ids: result.ids.slice(0, 100) });
  }));

}
