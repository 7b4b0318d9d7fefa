import { ContractRegistry } from '../registry.js';
import { buildCatalogue, catalogueProblems, formatCatalogue } from './process-catalogue.js';

describe('transitional-process catalogue', () => {
  it('every rule of every registered contract version has a TP id and a purpose', async () => {
    const registry = await ContractRegistry.discover();
    expect(registry.refs().length).toBeGreaterThan(0);
    const problems = registry.refs().flatMap((ref) => catalogueProblems(ref, registry.get(ref).processes));
    expect(problems).toEqual([]);
  });

  it('flags a rule without a process id, without a purpose, or declared twice', () => {
    expect(catalogueProblems('x@v1', [{ id: 'BR-001', purpose: 'a business check' }, { id: 'TP-002', purpose: '' }, { id: 'TP-002', purpose: 'again, twice' }])).toEqual([
      'x@v1 rule #1 has no process id like TP-017 (got "BR-001")',
      'x@v1 TP-002 has no one-line purpose',
      'x@v1 declares TP-002 twice',
    ]);
    expect(catalogueProblems('x@v1', undefined)).toEqual(['x@v1 does not declare processes']);
  });

  it('lists rules from code with the fixtures measured to use them', async () => {
    const catalogue = await buildCatalogue();
    expect(catalogue.problems).toEqual([]);
    const police = catalogue.entries.filter((e) => e.contract === 'police-results' && e.version === 'v1');
    expect(police.length).toBeGreaterThan(0);
    // TP-001 (hearing location) runs for every police message, so any police fixture exercises it.
    expect(police.find((e) => e.id === 'TP-001')?.fixtures.length).toBeGreaterThan(0);
    expect(formatCatalogue(catalogue, 'markdown')).toContain('| TP-001 |');
  });
});
