import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IN_FLIGHT_PER_CALL, loadPartnersConfig, partnersConfigPath } from './partner-config.js';

function configFile(partners: Record<string, Record<string, unknown>>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cpb-partners-')), 'partners.json');
  writeFileSync(file, JSON.stringify({ partners }));
  return file;
}
const base = { contract: 'police-results@v1', url: 'http://127.0.0.1:1/cjse' };

describe('loadPartnersConfig: calls and notifications in flight', () => {
  it('keeps several notifications in flight per call slot unless told otherwise', () => {
    const config = loadPartnersConfig(configFile({ police: { ...base, concurrency: 8 }, prison: { ...base } }), {});
    expect(config.partners.get('police')).toMatchObject({ concurrency: 8, inFlight: 8 * IN_FLIGHT_PER_CALL });
    expect(config.partners.get('prison')).toMatchObject({ concurrency: 16, inFlight: 16 * IN_FLIGHT_PER_CALL });
  });

  it('honours an explicit inFlight, never fewer than the calls it must feed', () => {
    const config = loadPartnersConfig(configFile({ a: { ...base, concurrency: 4, inFlight: 10 }, b: { ...base, concurrency: 4, inFlight: 2 } }), {});
    expect(config.partners.get('a')!.inFlight).toBe(10);
    expect(config.partners.get('b')!.inFlight).toBe(4);
  });

  it.each([['concurrency', 0], ['concurrency', 'many'], ['inFlight', 2.5], ['inFlight', -1]])('refuses %s = %p with CONFIG.PARTNER_INVALID', (field, value) => {
    const file = configFile({ police: { ...base, [field]: value } });
    expect(() => loadPartnersConfig(file, {})).toThrow(expect.objectContaining({ code: 'CONFIG.PARTNER_INVALID', message: expect.stringContaining(`"${field}"`) }));
  });

  it('the shipped configuration gives every partner at least as many in flight as calls', () => {
    const config = loadPartnersConfig(partnersConfigPath({}), {});
    expect(config.partners.size).toBeGreaterThan(0);
    for (const p of config.partners.values()) expect(p.inFlight).toBeGreaterThanOrEqual(p.concurrency);
  });
});
