import type { Problem } from '../../../../libs/domain/src/errors/problem.js';

/** Nesting deeper than this is refused before JSON.parse (real CP hearings nest about 12 deep). */
export const MAX_JSON_DEPTH = 64;
/** Any string value: four times the longest free text in the real hearing payloads (2,348 characters). */
export const MAX_STRING_LENGTH = 10_000;
/** Any object key: the longest in the real payloads is 42 characters. */
export const MAX_KEY_LENGTH = 256;
/** A body with more problems than this is not worth listing further. */
const MAX_PROBLEMS = 100;

/**
 * What the first pass over the text found, without allocating: `keys` counts the `:` outside
 * strings (one per member in JSON that parses), `suspicious` says the exact pass must look.
 */
export interface TextScan {
  readonly tooDeep: boolean;
  readonly keys: number;
  readonly suspicious: boolean;
}

/**
 * JSON.parse (and secure-json-parse, which wraps it) lets the last of two duplicate keys win
 * silently, turns `1e999` into Infinity (stored and forwarded as null) and accepts `\u0000` and
 * lone surrogates, which PostgreSQL's jsonb refuses (the 500 of issue 22). A parser that reports
 * duplicates (an AST parser such as momoa) costs several times JSON.parse on every request; this
 * pass is the bracket-depth scan the door already made, extended to count members and flag what
 * needs a closer look, so a clean body pays one loop over its characters and one walk of the value.
 */
export function scanText(text: string, maxDepth = MAX_JSON_DEPTH): TextScan {
  let depth = 0;
  let keys = 0;
  let suspicious = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 34) break;
        if (d !== 92) continue;
        if (text.charCodeAt(i + 1) === 117) {
          // \uXXXX: \u0000, or a surrogate half (\uD800–\uDFFF, paired or not) is checked exactly.
          const h0 = text.charCodeAt(i + 2) | 0x20;
          const h1 = text.charCodeAt(i + 3) | 0x20;
          if ((h0 === 100 && (h1 === 56 || h1 === 57 || (h1 >= 97 && h1 <= 102))) || (h0 === 48 && h1 === 48 && text.charCodeAt(i + 4) === 48 && text.charCodeAt(i + 5) === 48)) suspicious = true;
          i += 5;
        } else i++;
      }
      // The text of a string is at least as long as its value, so nothing over a limit slips by.
      const length = i - start - 1;
      if (length > MAX_KEY_LENGTH && (length > MAX_STRING_LENGTH || isKeyAfter(text, i + 1))) suspicious = true;
    } else if (c === 58) keys++;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return { tooDeep: true, keys, suspicious };
    } else if (c === 125 || c === 93) depth--;
    else if (c === 45 || (c >= 48 && c <= 57)) {
      // A number: only an exponent or many digits can overflow, underflow or lose an integer.
      const start = i;
      for (; i + 1 < n; i++) {
        const d = text.charCodeAt(i + 1);
        if (d === 69 || d === 101) suspicious = true;
        else if (d !== 43 && d !== 45 && d !== 46 && (d < 48 || d > 57)) break;
      }
      if (i - start >= 15) suspicious = true;
    }
  }
  return { tooDeep: false, keys, suspicious };
}

/** Whether the string that closed just before `from` is a key (a `:` follows). */
function isKeyAfter(text: string, from: number): boolean {
  let c = text.charCodeAt(from);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++from);
  return c === 58;
}

/** Members in a parsed value: fewer than the text holds means a key was given twice. */
export function countMembers(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) n += countMembers(value[i]);
    return n;
  }
  const obj = value as Record<string, unknown>;
  for (const key in obj) n += 1 + countMembers(obj[key]);
  return n;
}

/** Whether `text` (already parsed without error into `value`) needs the exact pass. */
export function needsExactScan(scan: TextScan, value: unknown): boolean {
  return scan.suspicious || scan.keys !== countMembers(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
type Frame = { kind: 'object'; path: string; seen: Set<string>; key: string | undefined } | { kind: 'array'; path: string; index: number };

/**
 * The exact pass, over text known to be valid JSON: every duplicate key, NUL, lone surrogate,
 * over-long string or key, and number JSON.parse would not keep as written — each with its path.
 */
export function exactProblems(text: string): Problem[] {
  const out: Problem[] = [];
  const stack: Frame[] = [];
  const here = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '$';
    return top.kind === 'array' ? `${top.path}[${top.index}]` : member(top.path, top.key ?? '');
  };
  const add = (code: string, path: string, message: string) => {
    if (out.length < MAX_PROBLEMS) out.push({ code, path, message });
  };
  const n = text.length;
  let i = 0;
  while (i < n && out.length < MAX_PROBLEMS) {
    const c = text[i]!;
    if (c === '{' || c === '[') {
      const path = here();
      stack.push(c === '{' ? { kind: 'object', path, seen: new Set(), key: undefined } : { kind: 'array', path, index: 0 });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      const value = JSON.parse(text.slice(i, end + 1)) as string;
      const top = stack[stack.length - 1];
      let j = end + 1;
      while (j < n && (text[j] === ' ' || text[j] === '\n' || text[j] === '\r' || text[j] === '\t')) j++;
      const isKey = top?.kind === 'object' && text[j] === ':';
      if (isKey) {
        top.key = value;
        const path = member(top.path, value);
        if (top.seen.has(value)) add('PAYLOAD.DUPLICATE_KEY', path, `key "${printable(value)}" is given more than once (JSON would keep only the last)`);
        top.seen.add(value);
        if (value.length > MAX_KEY_LENGTH) add('PAYLOAD.TOO_LONG', path, `key longer than ${MAX_KEY_LENGTH} characters (${value.length})`);
        checkCharacters(value, path, 'key', add);
        i = j + 1;
      } else {
        const path = here();
        if (value.length > MAX_STRING_LENGTH) add('PAYLOAD.TOO_LONG', path, `longer than ${MAX_STRING_LENGTH} characters (${value.length})`);
        checkCharacters(value, path, 'value', add);
        i = end + 1;
      }
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < n && /[0-9eE+\-.]/.test(text[j]!)) j++;
      checkNumber(text.slice(i, j), here(), add);
      i = j;
    } else i++;
  }
  return out;
}

function checkCharacters(s: string, path: string, what: string, add: (code: string, path: string, message: string) => void): void {
  for (let k = 0; k < s.length; k++) {
    const u = s.charCodeAt(k);
    if (u === 0) {
      add('PAYLOAD.NUL_CHARACTER', path, `the ${what} holds a NUL character (U+0000) at offset ${k}`);
      return;
    }
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = s.charCodeAt(k + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        k++;
        continue;
      }
    }
    if (u >= 0xd800 && u <= 0xdfff) {
      add('PAYLOAD.LONE_SURROGATE', path, `the ${what} holds a lone UTF-16 surrogate (U+${u.toString(16).toUpperCase()}) at offset ${k}: not a Unicode character`);
      return;
    }
  }
}

function checkNumber(token: string, path: string, add: (code: string, path: string, message: string) => void): void {
  const value = Number(token);
  const integral = !/[.eE]/.test(token);
  if (!Number.isFinite(value)) add('PAYLOAD.NUMBER_OUT_OF_RANGE', path, `${token.slice(0, 40)} is beyond the range of a double (it would become ${value})`);
  else if (integral && !Number.isSafeInteger(value)) add('PAYLOAD.NUMBER_OUT_OF_RANGE', path, `${token.slice(0, 40)} is beyond ±(2^53 − 1): it would not be kept exactly`);
  else if (value === 0 && /[1-9]/.test(token.split(/[eE]/)[0]!)) add('PAYLOAD.NUMBER_OUT_OF_RANGE', path, `${token.slice(0, 40)} is too small for a double (it would become 0)`);
}

/** Index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return text.length - 1;
}

const member = (parent: string, key: string): string => (IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(printable(key))}]`);
/** Keys go into paths and messages: NUL and lone surrogates are shown escaped, long keys cut. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is shown escaped
const printable = (s: string): string => s.slice(0, 80).replace(/[\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
