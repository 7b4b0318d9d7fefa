import { rule } from './mapping-rule.js';

/**
 * The partner's core:RestrictedStringType (names, titles, address lines, organisation names)
 * accepts only ASCII letters, digits and a fixed punctuation set (plus £ and €). Welsh and other
 * accented names (Siân, Llŷr) would fail the schema and park every such notification, so letters
 * are folded to their base letter; anything still outside the set is left for the XSD to report.
 */
const SPECIAL: Readonly<Record<string, string>> = { Ø: 'O', ø: 'o', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', ß: 'ss', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Þ: 'Th', þ: 'th', '‘': "'", '’': "'", '–': '-', '—': '-' };

export const restrictedString = rule<string | undefined, string | undefined>(
  'TP-019',
  'names, titles, address lines → schema character set (accents folded: Siân → Sian, Øster → Oster)',
  (value) => {
    if (value === undefined || value === null) return value;
    return value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[ØøÆæŒœßŁłĐđÞþ‘’–—]/g, (c) => SPECIAL[c]!);
  },
);

/** CP writes PNC ids as YYYY/NNNNNNNL; the SPI PNCidentifier pattern has no '/'. */
export const pncIdentifier = rule<string | undefined, string | undefined>(
  'TP-018',
  'PNC id YYYY/NNNNNNNL → YYYYNNNNNNNL (SPI pattern allows no "/")',
  (value) => (value && /^\d{4}\/\d{7}[A-Za-z]$/.test(value) ? value.replace('/', '') : value),
);
