/** Display helpers for the console templates. */

export function prettyDocument(doc: string | null | undefined): { kind: 'xml' | 'json' | 'text'; text: string } | null {
  if (!doc) return null;
  const t = doc.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(t), null, 2) };
    } catch {
      return { kind: 'text', text: doc };
    }
  }
  if (t.startsWith('<')) return { kind: 'xml', text: prettyXml(t) };
  return { kind: 'text', text: doc };
}

/** Indents XML for reading (display only; whitespace inside text nodes is kept). */
export function prettyXml(xml: string): string {
  const tokens = xml.replace(/>\s+</g, '><').match(/<[^>]+>|[^<]+/g) ?? [];
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      out.push(`${'  '.repeat(depth)}${tok}`);
    } else if (tok.startsWith('<?') || tok.startsWith('<!') || tok.endsWith('/>')) {
      out.push(`${'  '.repeat(depth)}${tok}`);
    } else if (tok.startsWith('<')) {
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        out.push(`${'  '.repeat(depth)}${tok}${text}${close}`);
        i += 2;
      } else {
        out.push(`${'  '.repeat(depth)}${tok}`);
        depth++;
      }
    } else {
      out.push(`${'  '.repeat(depth)}${tok.trim()}`);
    }
  }
  return out.join('\n');
}

export function age(seconds: number): string {
  if (!seconds || seconds < 1) return '–';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

export function when(d: Date | string | null | undefined): string {
  if (!d) return '';
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? String(d) : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const CSV_UNSAFE = /^[=+\-@\t\r]/;

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown): string => {
    let s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
    if (typeof v === 'string' && CSV_UNSAFE.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
