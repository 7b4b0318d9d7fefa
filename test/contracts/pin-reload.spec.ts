import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PinStore, type PinChange } from '../../libs/contracts-kit/src/pins/index.js';
import { projectRoot } from '../../libs/contracts-kit/src/paths.js';
import { ContractRegistry } from '../../libs/contracts-kit/src/registry.js';
import { variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { startBridge, type Bridge } from '../support/bridge.js';
import { DATABASE_URL, waitUntil } from '../support/harness.js';

type Raw = { partners: Record<string, Record<string, unknown>> };
const sample = (name: string) => JSON.parse(readFileSync(join(projectRoot, 'test/samples', name), 'utf8')) as Record<string, unknown>;
const edit = (path: string, change: (raw: Raw) => void) => {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Raw;
  change(raw);
  writeFileSync(path, JSON.stringify(raw, null, 2));
};

describe('PinStore (pins reload without restart)', () => {
  let registry: ContractRegistry;
  let path: string;
  const logged: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const log = {
    info: (obj: object, msg: string) => logged.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    warn: (obj: object, msg: string) => logged.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg: string) => logged.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };

  beforeAll(async () => {
    registry = await ContractRegistry.discover();
  });

  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), 'cpb-pins-')), 'partners.json');
    const raw = JSON.parse(readFileSync(join(projectRoot, 'config/partners.json'), 'utf8')) as Raw;
    raw.partners.police!.routes = [];
    writeFileSync(path, JSON.stringify(raw, null, 2));
    logged.length = 0;
  });

  it('fails at startup with a clear message when a pin names a missing version', () => {
    edit(path, (raw) => (raw.partners.police!.routes = [{ key: '03', contract: 'police-results@v9' }]));
    expect(() => PinStore.open({ path, registry, watch: false })).toThrow(/police → police-results@v9.*registered: .*police-results@v1/);
    edit(path, (raw) => {
      raw.partners.police!.routes = [];
      raw.partners.police!.shadow = 'police-results@v7';
    });
    expect(() => PinStore.open({ path, registry, watch: false })).toThrow(/police → shadow police-results@v7/);
  });

  it('reloads explicitly: valid changes apply and are audited old → new; an invalid file is refused and the old pins stay', async () => {
    const audited: PinChange[] = [];
    const store = PinStore.open({ path, registry, watch: false, log, audit: (c) => void audited.push(...c) });
    const at = new Date();
    expect(store.resolve('police', '04', at)).toBe('police-results@v1');

    edit(path, (raw) => {
      raw.partners.police!.routes = [{ key: '04', contract: 'police-results@v2' }];
      raw.partners.police!.shadow = 'police-results@v2';
    });
    const ok = await store.reload();
    expect(ok.ok).toBe(true);
    expect(store.resolve('police', '04', at)).toBe('police-results@v2');
    expect(store.resolve('police', '03', at)).toBe('police-results@v1');
    expect(store.shadowFor('police')).toBe('police-results@v2');
    expect(audited).toEqual([
      { partner: 'police', what: 'route', key: '04', from: null, to: 'police-results@v2' },
      { partner: 'police', what: 'shadow', from: null, to: 'police-results@v2' },
    ]);

    edit(path, (raw) => (raw.partners.police!.contract = 'police-results@v9'));
    const refused = await store.reload();
    expect(refused).toMatchObject({ ok: false, code: 'CONFIG.PIN_MISSING_VERSION' });
    expect(store.resolve('police', '03', at)).toBe('police-results@v1');
    expect(store.resolve('police', '04', at)).toBe('police-results@v2');
    expect(audited).toHaveLength(2);
    const line = logged.find((l) => l.obj.code === 'PINS.RELOAD_REFUSED');
    expect(line?.msg).toMatch(/pin reload refused, previous pins stay in force: .*police-results@v9/);

    const good = readFileSync(path, 'utf8');
    writeFileSync(path, '{ not json');
    expect((await store.reload()).ok).toBe(false);
    writeFileSync(path, good);
    expect(store.resolve('police', '04', at)).toBe('police-results@v2');

    // Unchanged content: nothing to audit.
    edit(path, (raw) => (raw.partners.police!.contract = 'police-results@v1'));
    expect(await store.reload()).toEqual({ ok: true, changes: [] });
  });

  it('reloads on file change (watch, debounced)', async () => {
    const audited: PinChange[] = [];
    const store = PinStore.open({ path, registry, debounceMs: 50, audit: (c) => void audited.push(...c) });
    try {
      edit(path, (raw) => (raw.partners.police!.contract = 'police-results@v2'));
      await waitUntil(async () => (store.resolve('police', '03', new Date()) === 'police-results@v2' ? true : undefined), 5_000, 'watched reload');
      expect(audited).toEqual([{ partner: 'police', what: 'contract', from: 'police-results@v1', to: 'police-results@v2' }]);
    } finally {
      store.close();
    }
  });
});

describe('pins in a running bridge', () => {
  let bridge: Bridge;
  let db: pg.Client;

  beforeAll(async () => {
    bridge = await startBridge({ partners: { police: { routes: [] } } });
    db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await bridge?.close();
  });

  const policeContract = async (n: number) => {
    const res = await bridge.post(variant(sample('001-city-police-bail-curfew.json'), n));
    expect(res.status).toBe(202);
    return res.json.notifications.find((x: { partner: string }) => x.partner === 'police') as { id: string; contract: string };
  };

  it('a pin change in the file reaches new notifications without restart, is audited, and an invalid change is refused', async () => {
    const pins = bridge.gateway.pins;
    expect((await policeContract(7001)).contract).toBe('police-results@v1');

    edit(pins.path, (raw) => (raw.partners.police!.routes = [{ key: '04', contract: 'police-results@v2' }]));
    await waitUntil(async () => (pins.resolve('police', '04', new Date()) === 'police-results@v2' ? true : undefined), 5_000, 'gateway reload');
    const after = await policeContract(7002);
    expect(after.contract).toBe('police-results@v2');
    const delivered = await waitUntil(async () => {
      const n = await bridge.notification(after.id);
      return n.status === 'acknowledged' ? n : undefined;
    }, 20_000, 'v2 delivery');
    expect(delivered.contract).toBe('police-results@v2');

    const audit = await waitUntil(async () => {
      const r = await db.query(`select actor, action, detail from "${bridge.schema}".audit_log where action = 'pin-change'`);
      return r.rows.length ? r.rows : undefined;
    }, 5_000, 'audit row');
    expect(audit[0]).toMatchObject({ actor: 'pins', action: 'pin-change', detail: { partner: 'police', what: 'route', key: '04', from: null, to: 'police-results@v2', file: pins.path } });

    edit(pins.path, (raw) => (raw.partners.police!.routes = [{ key: '04', contract: 'police-results@v3' }]));
    const refused = await bridge.api('/v1/pins/reload', { method: 'POST', body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/previous pins stay in force.*police-results@v3/);
    expect((await policeContract(7003)).contract).toBe('police-results@v2');
    const rows = await db.query(`select count(*)::int as n from "${bridge.schema}".audit_log where action = 'pin-change'`);
    expect(rows.rows[0].n).toBe(1);
  }, 60_000);
});
