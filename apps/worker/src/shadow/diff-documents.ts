import { diffJson } from '../../../../libs/contracts-kit/src/compat/behaviour-diff.js';
import type { ShadowDifference } from '../../../../libs/ledger/src/index.js';
import { diffXml } from '../../../../libs/xml/src/canonical-xml.js';
import type { Produced } from '../dispatch/produce-message.js';

const short = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
};

/**
 * Differences between the pinned and the shadow document: by XPath for XML (canonical, so
 * attribute order and namespace prefixes do not count), by JSON pointer for JSON. The same
 * comparison `contract check` runs over fixtures, here over live traffic.
 */
export function diffDocuments(pinned: string, shadow: string): ShadowDifference[] {
  if (pinned.trimStart().startsWith('<') || shadow.trimStart().startsWith('<')) {
    return diffXml(pinned, shadow).map((d) => ({ path: d.xpath, pinned: short(d.expected), shadow: short(d.actual) }));
  }
  return diffJson(JSON.parse(pinned), JSON.parse(shadow)).map((d) => ({ path: d.path, pinned: short(d.a), shadow: short(d.b) }));
}

/**
 * What each version produced, compared: documents by path; a version that could not produce
 * (mapping or schema problem) differs from one that could, and two failures differ by code.
 */
export function diffProduced(pinned: Produced, shadow: Produced): ShadowDifference[] {
  if (pinned.ok && shadow.ok) {
    try {
      return diffDocuments(pinned.rendered.document, shadow.rendered.document);
    } catch (e) {
      return [{ path: '(document)', pinned: 'unreadable for comparison', shadow: (e as Error).message }];
    }
  }
  if (!pinned.ok && !shadow.ok) return pinned.code === shadow.code ? [] : [{ path: '(mapping problems)', pinned: pinned.code, shadow: shadow.code }];
  return [{ path: '(mapping problems)', pinned: pinned.ok ? null : pinned.code, shadow: shadow.ok ? null : `${shadow.code}: ${shadow.message}`.slice(0, 200) }];
}
