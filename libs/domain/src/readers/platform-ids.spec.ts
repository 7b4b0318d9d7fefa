import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHearingResulted, readPlatformHearingResulted } from './hearing-resulted.reader.js';

// Resolved as contracts-kit does (libs/domain imports nothing outside itself).
const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const root = resolve(projectRoot, process.env.CP_BRIDGE_FIXTURES_ROOT ?? '../shared/fixtures');

/** Every JSON file under `dir` that holds a hearing-resulted payload ({ hearing: {…} }). */
function hearingPayloads(dir: string): { file: string; json: unknown }[] {
  const out: { file: string; json: unknown }[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...hearingPayloads(path));
    else if (name.endsWith('.json')) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        continue;
      }
      if (json && typeof json === 'object' && !Array.isArray(json) && typeof (json as { hearing?: unknown }).hearing === 'object') out.push({ file: path, json });
    }
  }
  return out;
}

/** What the platform door refuses that offline reading accepts: the ids that are not UUIDs. */
const idProblems = (json: unknown): string[][] => {
  const strict = readPlatformHearingResulted(json);
  const tolerant = readHearingResulted(json);
  const known = new Set(tolerant.ok ? [] : tolerant.problems.map((p) => `${p.code} ${p.path}`));
  return strict.ok ? [] : strict.problems.filter((p) => !known.has(`${p.code} ${p.path}`)).map((p) => [p.code, p.path]);
};

describe('platform ids (UUIDs, as the CP schemas type them) on every hearing payload there is', () => {
  it('the project\'s samples and contract fixtures: all ids are UUIDs', () => {
    const own = [join(projectRoot, 'test', 'samples'), join(projectRoot, 'contracts')].flatMap(hearingPayloads);
    expect(own.length).toBeGreaterThanOrEqual(10);
    for (const { file, json } of own) expect([relative(projectRoot, file), idProblems(json)]).toEqual([relative(projectRoot, file), []]);
  });

  if (!existsSync(root)) {
    it.skip(`real fixtures not found under ${root} (set CP_BRIDGE_FIXTURES_ROOT)`, () => undefined);
    return;
  }

  it('the real payloads pass, except two receiver-side test payloads the platform could not send as they are', () => {
    const real = hearingPayloads(root);
    expect(real.length).toBeGreaterThanOrEqual(30);
    const refused = real.map(({ file, json }) => [relative(root, file), idProblems(json)] as const).filter(([, problems]) => problems.length);
    // court-hearing-event-receiver's large-hearing-update.json is a template for its own tests:
    // `%new_offence_id%` placeholders and a typo (…1eeg) where the schema wants a UUID.
    const P = '$.hearing.prosecutionCases';
    expect(refused).toEqual([
      // Its field-filter test repeats one defendant id with another PNC id, CRO number and defence
      // organisation: which is the result? Ambiguous, so refused (it was a 500 before).
      ['court-hearing-event-receiver/court-hearing-event.json', [['PAYLOAD.DUPLICATE_ID', `${P}[0].defendants[1].id`]]],
      [
        'court-hearing-event-receiver/large-hearing-update.json',
        [
          ['PAYLOAD.BAD_UUID', `${P}[2].defendants[0].offences[2].id`],
          ['PAYLOAD.BAD_UUID', `${P}[2].defendants[0].offences[4].id`],
          ['PAYLOAD.BAD_UUID', `${P}[2].defendants[1].offences[1].id`],
          ['PAYLOAD.BAD_UUID', `${P}[4].defendants[0].offences[0].id`],
        ],
      ],
    ]);
  });
});
