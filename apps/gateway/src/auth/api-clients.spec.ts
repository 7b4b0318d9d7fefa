import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApiClients } from './api-clients.js';

/** Who a key belongs to and what it may do: scopes from config/clients.json or CP_BRIDGE_API_KEYS. */
describe('loadApiClients scopes', () => {
  const file = (clients: Record<string, unknown>) => {
    const path = join(mkdtempSync(join(tmpdir(), 'cpb-clients-')), 'clients.json');
    writeFileSync(path, JSON.stringify({ clients }));
    return path;
  };

  it('gives the shipped dev key the operator scope, and a client without scopes the platform scope only', () => {
    const shipped = loadApiClients({});
    expect(shipped.identify('cpb-dev-key')).toBe('platform-dev');
    expect([...shipped.scopesOf('platform-dev')].sort()).toEqual(['operator', 'platform']);

    const clients = loadApiClients({ CP_BRIDGE_CLIENTS: file({ feed: { key: 'k1' }, ops: { key: 'k2', scopes: ['operator'] } }) });
    expect([...clients.scopesOf(clients.identify('k1')!)]).toEqual(['platform']);
    expect([...clients.scopesOf(clients.identify('k2')!)]).toEqual(['operator']);
    expect(clients.scopesOf('nobody').size).toBe(0);
  });

  it('reads scopes after the name in CP_BRIDGE_API_KEYS, and refuses scopes that are not a list of strings', () => {
    const clients = loadApiClients({ CP_BRIDGE_API_KEYS: 'feed=k1,ops:operator:platform=k2=x' });
    expect(clients.identify('k1')).toBe('feed');
    expect(clients.identify('k2=x')).toBe('ops');
    expect([...clients.scopesOf('ops')].sort()).toEqual(['operator', 'platform']);
    expect([...clients.scopesOf('feed')]).toEqual(['platform']);
    expect(() => loadApiClients({ CP_BRIDGE_CLIENTS: file({ bad: { key: 'k', scopes: 'operator' } }) })).toThrow(expect.objectContaining({ code: 'CONFIG.CLIENTS_UNREADABLE' }));
  });
});
