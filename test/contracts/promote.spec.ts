import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { promoteContract } from '../../apps/cli/src/commands/contract/promote.command.js';
import { variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { projectRoot } from '../../libs/contracts-kit/src/paths.js';
import { startBridge, type Bridge } from '../support/bridge.js';
import { DATABASE_URL, waitUntil } from '../support/harness.js';

type Json = Record<string, any>;
const sample = (name: string) => JSON.parse(readFileSync(join(projectRoot, 'test/samples', name), 'utf8')) as Json;

describe('contract promote (shadow evidence gate)', () => {
  let bridge: Bridge;
  let db: pg.Client;
  const previousUrl = process.env.CP_BRIDGE_URL;
  const previousPartners = process.env.CP_BRIDGE_PARTNERS;
  const config = () => JSON.parse(readFileSync(bridge.gateway.pins.path, 'utf8')) as { partners: Json };

  beforeAll(async () => {
    bridge = await startBridge({ partners: { police: { routes: [], shadow: 'police-results@v2' } } });
    process.env.CP_BRIDGE_URL = bridge.base;
    // The command rewrites partnersConfigPath(): this bridge's own temp copy, never config/partners.json.
    process.env.CP_BRIDGE_PARTNERS = bridge.gateway.pins.path;
    db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    if (previousUrl === undefined) delete process.env.CP_BRIDGE_URL;
    else process.env.CP_BRIDGE_URL = previousUrl;
    if (previousPartners === undefined) delete process.env.CP_BRIDGE_PARTNERS;
    else process.env.CP_BRIDGE_PARTNERS = previousPartners;
    await db?.end();
    await bridge?.close();
  });

  const deliverAndShadow = async (body: Json) => {
    const res = await bridge.post(body);
    const police = (res.json.notifications as Json[]).find((n) => n.partner === 'police')!;
    await waitUntil(async () => ((await bridge.notification(police.id)).status === 'acknowledged' ? true : undefined), 20_000, 'delivery');
    await waitUntil(async () => ((await bridge.api('/v1/shadow?partner=police&last=100')).json.results as Json[]).find((r) => r.notificationId === police.id), 10_000, 'shadow result');
    // Distinct timestamps: "last N" is by time.
    await new Promise((r) => setTimeout(r, 20));
  };
  const audit = async (action: string) => (await db.query(`select actor, action, detail from "${bridge.schema}".audit_log where action = $1 order by id`, [action])).rows;

  it('refuses while the last N shadowed messages show a difference, succeeds without force when they show none, and with --force (audited)', async () => {
    const changed = variant(sample('001-city-police-bail-curfew.json'), 9501);
    changed.hearing.prosecutionCases[0].defendants[0].personDefendant.personDetails.nationalityCode = 'GBR';
    await deliverAndShadow(changed);
    await deliverAndShadow(variant(sample('001-city-police-bail-curfew.json'), 9502));
    await deliverAndShadow(variant(sample('001-city-police-bail-curfew.json'), 9503));
    const before = readFileSync(bridge.gateway.pins.path, 'utf8');

    // No evidence at all: refused.
    const none = await promoteContract({ partner: 'electronic-monitoring', ref: 'electronic-monitoring@v1', last: 5 });
    expect(none.exitCode).toBe(1);
    expect(none.lines.at(-1)).toMatch(/CONTRACT.PROMOTE_REFUSED.*no shadowed notifications/);
    // Unknown version: refused before anything else.
    expect((await promoteContract({ partner: 'police', ref: 'police-results@v9' })).lines.at(-1)).toMatch(/CONTRACT.UNKNOWN_VERSION/);

    // The last 3 include the nationality one: refused, nothing changed.
    const refused = await promoteContract({ partner: 'police', ref: 'police-results@v2', last: 3 });
    expect(refused.exitCode).toBe(1);
    expect(refused.lines.join('\n')).toMatch(/1 with differences/);
    expect(refused.lines.join('\n')).toMatch(/\/ResultedCaseMessage\//);
    expect(refused.lines.at(-1)).toMatch(/CONTRACT.PROMOTE_REFUSED: not promoting police to police-results@v2: 1 of the last 3 shadowed notification\(s\) differ.*--force/);
    expect(readFileSync(bridge.gateway.pins.path, 'utf8')).toBe(before);
    expect(await audit('contract-promote')).toHaveLength(0);

    // The last 2 show none: promoted without force.
    const promoted = await promoteContract({ partner: 'police', ref: 'police-results@v2', last: 2, actor: 'jest-lead' });
    expect(promoted.exitCode).toBe(0);
    expect(config().partners.police.contract).toBe('police-results@v2');
    expect(config().partners.police).not.toHaveProperty('shadow');
    expect(config().partners.police.settings).toEqual({ sourceId: 'C00CommonPlatform', destinationId: 'Z00CJSE', dataController: 'CPP' });
    expect(bridge.gateway.pins.resolve('police', '03', new Date())).toBe('police-results@v2');
    expect(bridge.gateway.pins.shadowFor('police')).toBeUndefined();
    expect(await audit('contract-promote')).toEqual([
      expect.objectContaining({ actor: 'jest-lead', detail: expect.objectContaining({ partner: 'police', ref: 'police-results@v2', forced: false, last: 2, examined: 2, withDifferences: 0, applied: true }) }),
    ]);
    const changes = (await audit('pin-change')).map((r) => r.detail);
    expect(changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ partner: 'police', what: 'contract', from: 'police-results@v1', to: 'police-results@v2' }),
      expect.objectContaining({ partner: 'police', what: 'shadow', from: 'police-results@v2', to: null }),
    ]));
    const next = await bridge.post(variant(sample('002-derbyshire-two-defendants.json'), 9504));
    expect((next.json.notifications as Json[]).filter((n) => n.partner === 'police').map((n) => n.contract)).toEqual(['police-results@v2', 'police-results@v2']);

    // Back to v1 with the shadow; the last 3 differ, but forced: promoted and audited as forced.
    writeFileSync(bridge.gateway.pins.path, before);
    expect((await bridge.api('/v1/pins/reload', { method: 'POST', body: {} })).status).toBe(200);
    expect(bridge.gateway.pins.resolve('police', '03', new Date())).toBe('police-results@v1');
    const forced = await promoteContract({ partner: 'police', ref: 'police-results@v2', last: 3, force: true, actor: 'jest-lead' });
    expect(forced.exitCode).toBe(0);
    expect(forced.lines.join('\n')).toMatch(/FORCED by jest-lead/);
    expect(config().partners.police.contract).toBe('police-results@v2');
    expect(await audit('contract-promote-forced')).toEqual([
      expect.objectContaining({ actor: 'jest-lead', detail: expect.objectContaining({ partner: 'police', ref: 'police-results@v2', forced: true, withDifferences: 1, applied: true }) }),
    ]);
  }, 120_000);
});
