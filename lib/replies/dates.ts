import { DATE_FILLERS, MONTHS, RETURN_CUES, WEEKDAYS } from './date-names';
import type { ReplyLanguage } from './types';

/** Only the start of a reply is searched for a return date (it is always near the top). */
const MAX_DATE_SCAN = 4_000;
const DAY_MS = 86_400_000;

interface Ymd {
  y?: number;
  m: number;
  d: number;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A day number token: "10", "21st", "3rd", "1er", "2." is tokenised as "2". */
function dayOf(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  let end = 0;
  while (end < token.length && end < 3 && token.charCodeAt(end) >= 48 && token.charCodeAt(end) <= 57) end++;
  if (end === 0 || end > 2) return undefined;
  const suffix = token.slice(end);
  if (!['', 'st', 'nd', 'rd', 'th', 'er', 'o', 'e'].includes(suffix)) return undefined;
  const d = Number(token.slice(0, end));
  return d >= 1 && d <= 31 ? d : undefined;
}

function yearOf(token: string | undefined): number | undefined {
  if (token === undefined || token.length !== 4) return undefined;
  const y = Number(token);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : undefined;
}

function numericDate(token: string, lang: ReplyLanguage | null): Ymd | undefined {
  const parts = token.split(/[./-]/);
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '' || p.length > 4)) return undefined;
  const n = parts.map(Number);
  const [a = 0, b = 0, c] = n;
  if (parts[0]?.length === 4) return parts.length === 3 ? { y: a, m: b, d: c ?? 0 } : undefined;
  if (token.includes('-') || (parts[2] !== undefined && parts[2].length !== 2 && parts[2].length !== 4))
    return undefined;
  const y = c === undefined ? undefined : c < 100 ? 2000 + c : c;
  // US order only for English text, and only when the numbers allow it
  const us = (lang === 'en' && a <= 12) || b > 12;
  return us ? { y, m: a, d: b } : { y, m: b, d: a };
}

/** Day/month/year around a month name at index `i`. */
function aroundMonth(tokens: readonly string[], i: number, month: number): Ymd | undefined {
  let j = i - 1;
  if (DATE_FILLERS.has(tokens[j] ?? '')) j--;
  const before = dayOf(tokens[j]);
  let k = i + 1;
  if (before === undefined) {
    const after = dayOf(tokens[k]);
    if (after === undefined) return undefined;
    k++;
    if (DATE_FILLERS.has(tokens[k] ?? '')) k++;
    return { y: yearOf(tokens[k]), m: month, d: after };
  }
  if (DATE_FILLERS.has(tokens[k] ?? '')) k++;
  return { y: yearOf(tokens[k]), m: month, d: before };
}

function resolve(found: Ymd, ref: Date | undefined): string | null {
  if (found.y !== undefined) return valid(found.y, found.m, found.d) ? iso(found.y, found.m, found.d) : null;
  if (!ref) return null;
  const refDay = Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate());
  for (const y of [ref.getUTCFullYear(), ref.getUTCFullYear() + 1]) {
    if (valid(y, found.m, found.d) && Date.UTC(y, found.m - 1, found.d) >= refDay)
      return iso(y, found.m, found.d);
  }
  return null;
}

function nextWeekday(day: number, ref: Date): string {
  const start = Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate());
  const ahead = (day - ref.getUTCDay() + 7) % 7 || 7;
  const t = new Date(start + ahead * DAY_MS);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The first date a reply names, as YYYY-MM-DD: ISO dates, numeric dates (D.M.Y, D/M/Y, US M/D/Y in English),
 * day + month name ("15 de abril", "12 mars", "2. Juni", "10th of March") or month name + day ("March 10");
 * a date without a year is the next one on or after `receivedAt`; a bare weekday ("back on Monday") is the next
 * such day after `receivedAt`. A date after a return cue ("until", "hasta", "bis"…) wins, else the
 * last one named. Null when the text names none. One pass over the tokens.
 */
export function extractReturnDate(
  text: string,
  lang: ReplyLanguage | null,
  receivedAt?: Date,
): string | null {
  const folded = text
    .slice(0, MAX_DATE_SCAN)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const tokens = folded.match(/[\p{L}\p{N}]+(?:[./-]\p{N}+)*/gu) ?? [];
  let weekday: number | undefined;
  let last: string | null = null;
  let cued = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (RETURN_CUES.has(t)) cued = true;
    let found: Ymd | undefined;
    const month = MONTHS.get(t);
    if (month !== undefined) found = aroundMonth(tokens, i, month);
    else if (t.includes('.') || t.includes('/') || t.includes('-')) found = numericDate(t, lang);
    const date = found ? resolve(found, receivedAt) : null;
    if (date && cued) return date;
    if (date) last = date;
    if (weekday === undefined || cued) weekday = WEEKDAYS.get(t) ?? weekday;
  }
  if (last) return last;
  return weekday !== undefined && receivedAt ? nextWeekday(weekday, receivedAt) : null;
}
