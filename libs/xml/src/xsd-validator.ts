import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  XmlDocument,
  XmlLibError,
  ParseOption,
  XsdValidator as LibXsdValidator,
  xmlRegisterInputProvider,
  type ErrorDetail,
} from 'libxml2-wasm';
import { problem, type Problem } from '../../domain/src/errors/problem.js';
import { checkXmlLimits, DEFAULT_XML_LIMITS, type XmlLimits } from './safe-xml-parser.js';

/**
 * Schema directories libxml2 may read from. The input provider serves only files under these
 * directories, so neither a schema nor a validated document can make libxml2 read anything else
 * (xs:include/xs:import resolve to siblings of the entry schema; everything else is refused).
 */
const allowedSchemaDirs = new Set<string>();
let providerRegistered = false;

function toPath(filename: string): string | undefined {
  try {
    return filename.startsWith('file:') ? fileURLToPath(filename) : resolve(filename);
  } catch {
    return undefined;
  }
}

function isAllowed(path: string | undefined): path is string {
  if (!path || !path.toLowerCase().endsWith('.xsd')) return false;
  for (const dir of allowedSchemaDirs) {
    if (path.startsWith(dir + sep) && existsSync(path)) return true;
  }
  return false;
}

function ensureInputProvider(): void {
  if (providerRegistered) return;
  providerRegistered = xmlRegisterInputProvider({
    match: (filename) => isAllowed(toPath(filename)),
    open: (filename) => {
      const path = toPath(filename);
      if (!isAllowed(path)) return undefined;
      try {
        return openSync(path, 'r');
      } catch {
        return undefined;
      }
    },
    read: (fd, buf) => {
      try {
        return readSync(fd, buf, 0, buf.byteLength, null);
      } catch {
        return -1;
      }
    },
    close: (fd) => {
      try {
        closeSync(fd);
        return true;
      } catch {
        return false;
      }
    },
  });
  if (!providerRegistered) throw new Error('libxml2-wasm refused the schema input provider');
}

const cache = new Map<string, XsdValidator>();

/** An XSD compiled once and reused for every document of a contract version. */
export class XsdValidator {
  private constructor(
    readonly entryPath: string,
    private readonly schema: LibXsdValidator,
    private readonly limits: XmlLimits,
  ) {}

  /** Compile (once per absolute path) the schema at `absPath`, resolving includes/imports beside it. */
  static fromFile(absPath: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XsdValidator {
    const entryPath = resolve(absPath);
    const cached = cache.get(entryPath);
    if (cached) return cached;
    allowedSchemaDirs.add(dirname(entryPath));
    ensureInputProvider();
    const xsdDoc = XmlDocument.fromBuffer(readFileSync(entryPath), { url: entryPath });
    try {
      const validator = new XsdValidator(entryPath, LibXsdValidator.fromDoc(xsdDoc), limits);
      cache.set(entryPath, validator);
      return validator;
    } finally {
      // The compiled schema keeps what it needs; the parsed schema document can go.
      xsdDoc.dispose();
    }
  }

  /** Problems (code CONTRACT.XSD_INVALID, or XML.* when the text cannot be read); empty when valid. */
  validate(xml: string): Problem[] {
    const parsed = parseXmlDocument(xml, this.limits);
    if (!parsed.ok) return parsed.problems;
    try {
      return this.validateDocument(parsed.doc);
    } finally {
      parsed.doc.dispose();
    }
  }

  /** Problems of a document already parsed by `parseXmlDocument` (the caller disposes it). */
  validateDocument(doc: XmlDocument): Problem[] {
    try {
      this.schema.validate(doc);
      return [];
    } catch (err) {
      return toProblems(err, 'CONTRACT.XSD_INVALID');
    }
  }
}

export type XmlDocumentResult = { readonly ok: true; readonly doc: XmlDocument } | { readonly ok: false; readonly problems: Problem[] };

/**
 * Parse text into a libxml2 document after the same limit and DOCTYPE checks as every other XML
 * reader here, for a caller that both reads fields and validates: one parse instead of two. The
 * caller must dispose the document (it lives in WebAssembly memory).
 */
export function parseXmlDocument(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlDocumentResult {
  const pre = checkXmlLimits(xml, limits);
  if (pre.length > 0) return { ok: false, problems: pre };
  ensureInputProvider();
  try {
    return { ok: true, doc: xmlDocumentOf(xml) };
  } catch (err) {
    return { ok: false, problems: toProblems(err, 'XML.NOT_WELL_FORMED') };
  }
}

/**
 * libxml2 document from text. The text goes in as UTF-8 bytes encoded by Node (native) rather than
 * through libxml2-wasm's `fromString`, whose per-character JavaScript encoder took a third of the
 * parse (BENCHMARKS.md, 26 November); the parse itself is the same (`xmlCtxtReadMemory`, encoding
 * told the bytes are UTF-8). Node would write an unpaired surrogate as U+FFFD, where the old path
 * handed libxml2 bytes it refused, so such text is refused here, as before, with a clearer message.
 *
 * A string is text already decoded, so an `encoding="ISO-8859-1"` in its declaration is stale: it
 * no longer re-decodes the UTF-8 bytes (which turned "é" into "Ã©"); the parse is told UTF-8.
 */
export function xmlDocumentOf(xml: string): XmlDocument {
  if (!xml.isWellFormed()) throw new Error('text holds an unpaired surrogate, which is not encodable as UTF-8');
  return XmlDocument.fromBuffer(Buffer.from(xml, 'utf8'), UTF8_NO_NETWORK);
}

/** Bytes are UTF-8 whatever the declaration says; never fetch anything (no DTD ever reaches libxml2 anyway). */
const UTF8_NO_NETWORK = { encoding: 'UTF-8', option: ParseOption.XML_PARSE_NONET } as const;

function toProblems(err: unknown, code: string): Problem[] {
  if (err instanceof XmlLibError && err.details.length > 0) {
    return err.details.map((d) => problem(code, locate(d), d.message.trim()));
  }
  return [problem(code, '/', err instanceof Error ? err.message : String(err))];
}

/** libxml2 names the element in its message ("Element '{ns}Name': ..."); keep it beside the line. */
function locate(d: ErrorDetail): string {
  const element = /Element '([^']+)'/.exec(d.message)?.[1];
  const where = `line ${d.line}${d.col ? `:${d.col}` : ''}`;
  return element ? `${where} ${element}` : where;
}
