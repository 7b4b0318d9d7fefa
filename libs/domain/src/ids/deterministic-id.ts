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
 */
function fnv1a64(text: string, seedHi: number, seedLo: number): string {
  let hi = (OFFSET_HI ^ seedHi) >>> 0;
  let lo = (OFFSET_LO ^ seedLo) >>> 0;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    const low = lo * 0x1b3;
    const carry = Math.floor(low / TWO_32);
    hi = (hi * 0x1b3 + lo * 256 + carry) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

export function deterministicId(name: string): string {
  const hex = (fnv1a64(name, 0, 0) + fnv1a64(name, 0x9e3779b9, 0x7f4a7c15)).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
