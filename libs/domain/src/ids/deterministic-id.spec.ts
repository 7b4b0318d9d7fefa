import { deterministicId } from './deterministic-id.js';

/** The BigInt form of the same FNV-1a, as ids were first derived: stored ids must not change. */
function referenceId(name: string): string {
  const fnv = (text: string, seed: bigint) => {
    let h = 0xcbf29ce484222325n ^ seed;
    for (let i = 0; i < text.length; i++) {
      h ^= BigInt(text.charCodeAt(i));
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return h.toString(16).padStart(16, '0');
  };
  const hex = (fnv(name, 0n) + fnv(name, 0x9e3779b97f4a7c15n)).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

describe('deterministicId', () => {
  it('gives the ids the BigInt derivation gave, for ASCII, non-ASCII and long names', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed);
    const names = ['', 'a', 'hearing-resulted|8f3c', 'café|Ω|😀', 'x'.repeat(5000)];
    for (let i = 0; i < 300; i++) names.push(Array.from({ length: rnd() % 90 }, () => String.fromCharCode(rnd() % 0xffff)).join(''));
    for (const n of names) expect(deterministicId(n)).toBe(referenceId(n));
  });

  it('is UUID-shaped (version 5 nibble, RFC 4122 variant) and differs for different names', () => {
    const a = deterministicId('event-1|police|case-1|def-1');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicId('event-1|police|case-1|def-2')).not.toBe(a);
    expect(deterministicId('event-1|police|case-1|def-1')).toBe(a);
  });
});
