import type { JudicialResult, JudicialResultPrompt } from '../../../../libs/domain/src/model/index.js';

/**
 * Reading values out of CP prompts: the platform prints dates as dd/MM/yyyy and packs composite
 * prompts as "Key:value" lines. Pure helpers shared by the mapping rules.
 */

/** Mapping rule metadata, listed by the catalogue (`cp-bridge contract coverage`). */
export interface RuleInfo {
  readonly id: string;
  readonly purpose: string;
}

export const promptsOf = (results: readonly JudicialResult[]): JudicialResultPrompt[] => results.flatMap((r) => r.judicialResultPrompts ?? []);

/** First prompt with exactly this label (the platform's labels are stable per result definition). */
export function promptValue(prompts: readonly JudicialResultPrompt[], label: string): string | undefined {
  return prompts.find((p) => p.label === label)?.value;
}

/** "Key:value\nKey:value" → map; a line without a colon is kept whole under its own text. */
export function keyValues(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of (text ?? '').split('\n')) {
    const at = line.indexOf(':');
    if (at < 0) continue;
    const key = line.slice(0, at);
    if (!out.has(key)) out.set(key, line.slice(at + 1));
  }
  return out;
}

/** dd/MM/yyyy → yyyy-MM-dd; undefined when the text is not such a date. */
export function cpDate(text: string | undefined): string | undefined {
  const m = /^\s*(\d{2})\/(\d{2})\/(\d{4})\s*$/.exec(text ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}

/** HH:mm (or H:mm) → HH:mm; anything else → 00:00, as the contractor reads a missing time as midnight. */
export function cpTime(text: string | undefined): string {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text ?? '');
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : '00:00';
}

/** The contractor's local date-time, "yyyy-MM-dd HH:mm:ss"; '' when the date is unknown. */
export function fmsDateTime(isoDate: string | undefined, time = '00:00'): string {
  return isoDate ? `${isoDate} ${cpTime(time)}:00` : '';
}

export const datePart = (dateTime: string): string => dateTime.slice(0, 10);

/** Latest of some "yyyy-MM-dd HH:mm:ss" values (they sort as text); '' when none is known. */
export function latest(values: readonly string[]): string {
  return values.filter(Boolean).reduce((a, b) => (b > a ? b : a), '');
}

/** A CP orderedDate (yyyy-MM-dd) at midnight, the start the contractor is given for a same-day order. */
export const startOfDay = (orderedDate: string | undefined): string => fmsDateTime(orderedDate?.slice(0, 10));

/** ISO instant → Europe/London wall-clock "yyyy-MM-dd HH:mm:ss" (the contractor works in UK time). */
export function londonDateTime(instant: string | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:00`;
}
