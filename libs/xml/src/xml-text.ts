/*
 * Escaping and unescaping XML text. These run on every message, often on whole documents (a CJSE
 * message is escaped into RouteData and again into the SOAP body), so they are plain loops over
 * char codes: about twice as fast as a regex with a replacement callback on a 6 KB document.
 */

/** Replacement text by char code (indexes past the table, and holes, are left as they are). */
type EscapeTable = readonly (string | undefined)[];

function escapeTable(replacements: Readonly<Record<string, string>>): EscapeTable {
  const table: (string | undefined)[] = [];
  for (const [ch, text] of Object.entries(replacements)) table[ch.charCodeAt(0)] = text;
  return table;
}

const ONCE = escapeTable({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' });
const ONCE_WITH_APOSTROPHE = escapeTable({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' });
const TWICE = escapeTable({ '&': '&amp;amp;', '<': '&amp;lt;', '>': '&amp;gt;', '"': '&amp;quot;' });

/** The one escaping loop: copies the runs between replaced characters, or returns `s` itself. */
function escapeWith(s: string, table: EscapeTable): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const r = c < table.length ? table[c] : undefined;
    if (r === undefined) continue;
    out += s.slice(last, i) + r;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Escape for element content and attribute values: & < > " (and ' when asked). */
export function escapeXml(s: string, apostrophe = false): string {
  return escapeWith(s, apostrophe ? ONCE_WITH_APOSTROPHE : ONCE);
}

/**
 * `escapeXml(escapeXml(s))` in one pass: for text that is escaped into a document which is itself
 * escaped into another (a CJSE business message inside RouteData inside SubmitRequestMes). Half
 * the work of two passes on a police message (BENCHMARKS.md, 26 November); apostrophes are left
 * as they are, as `escapeXml` leaves them by default.
 */
export function escapeXmlTwice(s: string): string {
  return escapeWith(s, TWICE);
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const MAX_REF = 10;

/** Decode the predefined entities and character references; anything else is left as written. */
export function unescapeXml(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  let out = '';
  let last = 0;
  while (amp !== -1) {
    // The five predefined entities (nearly every reference in an escaped document) by char code;
    // anything else through the general reader.
    const quick = predefinedAt(s, amp + 1);
    const semi = quick === 0 ? s.indexOf(';', amp + 1) : amp + quick;
    if (semi === -1) break;
    const decoded = quick !== 0 ? PREDEFINED[s.charCodeAt(amp + 1) + s.charCodeAt(amp + 2)] : semi - amp - 1 <= MAX_REF ? decodeRef(s.slice(amp + 1, semi)) : undefined;
    if (decoded !== undefined) {
      out += s.slice(last, amp) + decoded;
      last = semi + 1;
      amp = s.indexOf('&', last);
    } else {
      amp = s.indexOf('&', amp + 1);
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Keyed by the sum of the first two char codes, which differs for lt, gt, amp, ap(os) and quot. */
const PREDEFINED: Readonly<Record<number, string>> = { [108 + 116]: '<', [103 + 116]: '>', [97 + 109]: '&', [97 + 112]: "'", [113 + 117]: '"' };

/** Offset of the ';' ending a predefined entity that starts at `i` (after the '&'), or 0. */
function predefinedAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const at = (text: string) => s.startsWith(text, i);
  if (c === 108) return at('lt;') ? 3 : 0;
  if (c === 103) return at('gt;') ? 3 : 0;
  if (c === 97) return at('amp;') ? 4 : at('apos;') ? 5 : 0;
  if (c === 113) return at('quot;') ? 5 : 0;
  return 0;
}

const HEX = /^#x[0-9a-fA-F]+$/;
const DEC = /^#[0-9]+$/;
const NAME = /^[a-z]+$/;

function decodeRef(ref: string): string | undefined {
  if (ref.charCodeAt(0) === 35) {
    const hex = HEX.test(ref);
    if (!hex && !DEC.test(ref)) return undefined;
    const cp = hex ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
  }
  return NAME.test(ref) ? NAMED[ref] : undefined;
}
