import { loadSamples, variant, variantTexts } from './sample-traffic.js';

describe('sample traffic variants', () => {
  const samples = loadSamples();
  const now = new Date('2026-11-26T12:00:00.000Z');

  it('has the project samples to vary', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(samples.map((s) => [s.name, s.body] as const))('the compiled template writes exactly what variant() does, for %s', (_name, body) => {
    const texts = variantTexts(body);
    for (const n of [0, 1, 7, 1_000_123, 12_345_678_901]) {
      expect(texts(n, now)).toBe(JSON.stringify(variant(body, n, now)));
    }
  });

  it('gives each n its own ids and the same n the same ids', () => {
    const body = samples[0]!.body;
    const texts = variantTexts(body);
    expect(texts(5, now)).toBe(texts(5, now));
    expect(texts(5, now)).not.toBe(texts(6, now));
    expect(JSON.parse(texts(5, now)).sharedTime).toBe(now.toISOString());
  });

  it('refuses a sample that already holds the template marker', () => {
    expect(() => variantTexts({ note: 'x @@cpbv:u0@@ y' })).toThrow(/marker/);
  });
});
