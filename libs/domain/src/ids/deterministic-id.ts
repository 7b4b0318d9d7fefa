/**
 * Deterministic UUID-shaped ids from a name (FNV-1a based, pure JS so the domain stays free of
 * node:crypto). The same event, partner, case and defendant always give the same notification
 * id, which makes re-accepting an event idempotent by construction. Not a security hash.
 */
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
const TWO_32 = 4294967296;

/**
 * 64-bit FNV-1a over UTF-16 code units, in two 32-bit halves (no BigInt: this runs for every
 * notification). The prime is 2^40 + 0x1b3, so h * prime mod 2^64 is lo*0x1b3 plus
 * (hi*0x1b3 + lo*2^8 + carry) * 2^32 — every intermediate stays below 2^53, exact in a double.
 * The halves land in `out[at]` (high) and `out[at + 1]` (low).
 */
function fnv1a64(text: string, seedHi: number, seedLo: number, out: number[], at: number): void {
  let hi = (OFFSET_HI ^ seedHi) >>> 0;
  let lo = (OFFSET_LO ^ seedLo) >>> 0;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    const low = lo * 0x1b3;
    // low < 2^41, so the carry (low / 2^32, truncated) fits 9 bits: `>>> 0` truncates it exactly.
    hi = (hi * 0x1b3 + lo * 256 + ((low / TWO_32) >>> 0)) >>> 0;
    lo = low >>> 0;
  }
  out[at] = hi;
  out[at + 1] = lo;
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Eight lowercase hex digits of a 32-bit word, by table (a third of `toString(16).padStart`). */
const hex8 = (w: number): string => BYTE_HEX[w >>> 24]! + BYTE_HEX[(w >>> 16) & 255]! + BYTE_HEX[(w >>> 8) & 255]! + BYTE_HEX[w & 255]!;

/**
 * The 128 bits of two FNV-1a passes as a UUID: version nibble 5 (hex digit 12) and the RFC 4122
 * variant in hex digit 16, set on the words rather than by editing a string of digits, and the words
 * written by table: 5 → ≈ 1 µs a call (the gateway derives one per notification, the bench's load
 * generator about 20 per request).
 */
export function deterministicId(name: string): string {
  const w = [0, 0, 0, 0];
  fnv1a64(name, 0, 0, w, 0);
  fnv1a64(name, 0x9e3779b9, 0x7f4a7c15, w, 2);
  const w1 = hex8(((w[1]! & 0xffff0fff) | 0x5000) >>> 0);
  const w2 = hex8(((w[2]! & 0x3fffffff) | 0x80000000) >>> 0);
  return `${hex8(w[0]!)}-${w1.slice(0, 4)}-${w1.slice(4)}-${w2.slice(0, 4)}-${w2.slice(4)}${hex8(w[3]!)}`;
}
