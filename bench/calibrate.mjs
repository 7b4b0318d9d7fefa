// Machine speed, measured the same way in every run so that runs on different days (or on a shared
// machine having a slow spell) can be compared: JSON round trips of one fixed real hearing payload
// on one core. It touches no project code, so a change to the bridge cannot move it.
import { readdirSync, readFileSync } from 'node:fs';

export function calibrate(text, { seconds = 1 } = {}) {
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 20; i++) JSON.stringify(JSON.parse(text));
    n += 20;
  }
  return Math.round(n / ((performance.now() - t0) / 1000));
}

/** The newest earlier full run that recorded a calibration, for "machine speed vs that run". */
export function reference(dir = 'bench/results') {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json') && !x.includes('quick')).sort().reverse()) {
    try {
      const perSec = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')).machine?.calibration?.medianPerSec;
      if (perSec) return { file: f, perSec };
    } catch {
      // not a result file
    }
  }
  return undefined;
}
