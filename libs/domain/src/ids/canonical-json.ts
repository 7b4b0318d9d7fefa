/**
 * A JSON value written one way only: object keys sorted (by UTF-16 code unit, as Array#sort does),
 * no insignificant whitespace, numbers and strings as JSON.stringify writes them. Two bodies that
 * differ only in key order or layout give the same text, so the same hash: what makes a resend
 * "the same body" (issue 22 item 5). Arrays keep their order; it is significant in JSON.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    if (obj[key] !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(obj[key])}`);
  }
  return `{${parts.join(',')}}`;
}
