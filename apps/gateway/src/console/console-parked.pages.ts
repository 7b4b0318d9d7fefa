import type { ParkedFilter } from '../../../../libs/ledger/src/index.js';
import { type ConsoleKit, type Form, isoOrUndefined, one } from './console-kit.js';

/** Parked notifications: filter, confirm a replay (optionally through another contract version), replay. */
export function registerParkedPages({ fastify, deps, q, registry, log, page, render, forbidden, mayAct }: ConsoleKit): void {
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
  type ReplayRequest = { filter: ParkedFilter; through?: string } | { refused: { title: string; message: string } };
  /** The filter and version of a replay, from the confirm link or the form; refused when it would replay everything. */
  const replayRequest = (form: Form): ReplayRequest => {
    const { through, ...filter } = parkedFilter(form);
    if (!Object.values(filter).some((v) => v !== undefined)) return { refused: { title: 'Choose what to replay', message: 'Filter the parked list (or pick one notification) before replaying.' } };
    if (through && !/^v\d+$/.test(through)) return { refused: { title: 'Cannot replay', message: 'The version to replay through must look like v2.' } };
    return { filter, through };
  };
  fastify.get('/console/parked/replay', page(async (req, reply) => {
    if (req.consoleUser?.role !== 'operator') return forbidden(req, reply, 'replay parked notifications');
    const asked = replayRequest(req.query as Form);
    if ('refused' in asked) return render(req, reply, 'error.njk', asked.refused, 400);
    const { filter, through } = asked;
    const f = { ...filter, through };
    const rows = await deps.control.listParked({ ...filter, limit: 10_000 });
    const names = [...new Set(rows.map((r) => r.contract.split('@')[0]!))];
    const throughOptions = [...new Set(registry.refs().map((r) => r.split('@')[1]!))].filter((v) => names.length > 0 && names.every((n) => registry.has(`${n}@${v}`))).sort();
    return render(req, reply, 'replay-confirm.njk', { f, rows: rows.slice(0, 50), count: rows.length, through, throughOptions });
  }));
  fastify.post('/console/parked/replay', page(async (req, reply) => {
    if (!mayAct(req, reply, 'replay parked notifications')) return reply;
    const asked = replayRequest(req.body as Form);
    if ('refused' in asked) return render(req, reply, 'error.njk', asked.refused, 400);
    const { filter, through } = asked;
    const result = await deps.control.replay(filter, { actor: `console:${req.consoleUser!.name}`, contractVersion: through });
    log.info({ actor: req.consoleUser!.name, count: result.count, through, code: 'CONSOLE.REPLAY' }, 'replayed from the console');
    return render(req, reply, 'replay-done.njk', { result, through, ids: result.ids.slice(0, 100) });
  }));
}
