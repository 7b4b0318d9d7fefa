// Chaos suite traffic: which hearing results are posted, and how a case's later hearings are made.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, say } from './support.mjs';

const dist = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href);

/** `realFixtures`: also the real CP payloads; `runEpoch`: the run's fixed "now" (ms, whole seconds). */
export async function loadTraffic({ realFixtures, runEpoch }) {
  const { loadSamples, variant } = await dist('apps/cli/src/sample-traffic/sample-traffic.js');
  const { deterministicId } = await dist('libs/domain/src/ids/deterministic-id.js');

  function templates() {
    // Project samples that route to every partner with no human review (003 is needs-review by design).
    const list = loadSamples()
      .filter((s) => /^00[124]-/.test(s.name))
      .map((s) => ({ name: `samples/${s.name}`, body: s.body }));
    if (realFixtures) {
      // Real Common Platform payloads, used in place (README "Real data, used in place").
      const dir = resolve(process.env.CP_BRIDGE_FIXTURES_ROOT ?? resolve(root, '../shared/fixtures'), 'em-create-order/cp-hearing-to-fms');
      if (existsSync(dir)) {
        for (const c of readdirSync(dir).sort()) {
          const f = join(dir, c, 'cp_payload.json');
          if (existsSync(f) && !c.startsWith('LargeMessage')) list.push({ name: `em-create-order/${c}`, body: JSON.parse(readFileSync(f, 'utf8')), real: true });
        }
      } else say(`real fixtures not found at ${dir}; posting project samples only`);
    }
    return list;
  }

  /** Hearing `step` of case group `g`: same cases and defendants as the other steps, a new hearing. */
  function hearingBody(template, g, step) {
    const body = variant(template.body, g);
    body.hearing.id = deterministicId(`${body.hearing.id}|step|${step}`);
    // Shared "now" (deadlines run from it), fixed per run and step so a re-sent post is the same event.
    body.sharedTime = new Date(runEpoch + step * 1000).toISOString();
    return body;
  }

  return { templates, hearingBody };
}
