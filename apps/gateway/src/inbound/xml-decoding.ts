import { problem, type Problem } from '../../../../libs/domain/src/errors/problem.js';

/**
 * XML 1.0 (§4.3.3 and Appendix F) requires every processor to read UTF-8 and UTF-16; a UTF-16
 * entity starts with a byte-order mark. Bytes → text: a UTF-8 BOM is dropped, FF FE / FE FF select
 * UTF-16 LE / BE, a BOM-less "<?" in either UTF-16 order is detected as Appendix F describes, and
 * anything else is UTF-8. Decoding is fatal: bytes that are not in the encoding are refused, never
 * replaced by U+FFFD. The declaration's encoding label must agree with what the bytes are; the
 * decoded text's declaration is rewritten to UTF-8, the encoding it is handed on in.
 */
export type Decoded = { readonly ok: true; readonly text: string; readonly encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' } | { readonly ok: false; readonly problem: Problem };

function detect(raw: Uint8Array): { encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE'; skip: number } {
  const [a, b, c, d] = raw;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'UTF-8', skip: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'UTF-16LE', skip: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'UTF-16BE', skip: 2 };
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return { encoding: 'UTF-16LE', skip: 0 };
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return { encoding: 'UTF-16BE', skip: 0 };
  return { encoding: 'UTF-8', skip: 0 };
}

const DECLARATION = /^<\?xml\s[^?]*?encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/;

export function decodeXmlBytes(raw: Uint8Array): Decoded {
  const { encoding, skip } = detect(raw);
  let text: string;
  try {
    text = new TextDecoder(encoding.toLowerCase(), { fatal: true, ignoreBOM: true }).decode(raw.subarray(skip));
  } catch {
    const code = encoding === 'UTF-8' ? 'XML.INVALID_UTF8' : 'XML.INVALID_UTF16';
    return { ok: false, problem: problem(code, '/', `the body is not valid ${encoding}`) };
  }
  const label = DECLARATION.exec(text)?.[2]?.toUpperCase();
  if (label !== undefined) {
    const family = label === 'UTF-8' || label === 'UTF8' ? 'UTF-8' : /^UTF-?16(LE|BE)?$/.test(label) ? 'UTF-16' : label;
    const actual = encoding === 'UTF-8' ? 'UTF-8' : 'UTF-16';
    if (family !== actual) {
      return { ok: false, problem: problem('XML.ENCODING_MISMATCH', '/', `the declaration says encoding="${label}" but the bytes are ${encoding}${family === label && family !== 'UTF-16' && family !== 'UTF-8' ? ' (only UTF-8 and UTF-16 are accepted)' : ''}`) };
    }
    if (actual === 'UTF-16') text = text.replace(DECLARATION, (m, q: string, l: string) => m.replace(`${q}${l}${q}`, `${q}UTF-8${q}`));
  }
  return { ok: true, text, encoding };
}
