/**
 * Deterministic UUID-shaped ids from a name (FNV-1a based, pure JS so the domain stays free of
 * node:crypto). The same event, partner, case and defendant always give the same notification
 * id, which makes re-accepting an event idempotent by construction. Not a security hash.
 */
function fnv1a64(text: string, seed: bigint): bigint {
  let h = 0xcbf29ce484222325n ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h;
}

export function deterministicId(name: string): string {
  const hex = (fnv1a64(name, 0n).toString(16).padStart(16, '0') + fnv1a64(name, 0x9e3779b97f4a7c15n).toString(16).padStart(16, '0')).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
