import {
  ATTRIBUTION_LINES,
  HEADER_FROM,
  HEADER_OTHER,
  HISTORY_SEPARATORS,
  MOBILE_FOOTERS,
  SIGN_OFFS,
} from './strip-markers';

/** What stripping kept and why it cut. */
export interface StrippedReply {
  body: string;
  /** Signals for `reasons`: which kind of cut happened. */
  cuts: string[];
}

/**
 * Only this much of a reply is looked at (PostgreSQL keeps at most 20,000 characters of a reply anyway, and the
 * decision is always near the top): a hostile megabyte costs the same as an ordinary reply.
 */
export const MAX_STRIP_CHARS = 20_000;

/** Header and attribution lines are short; longer lines are never tested against them (keeps work linear). */
const MAX_MARKER_LINE = 400;

const startsWithAny = (line: string, list: readonly string[]) => list.some((p) => line.startsWith(p));

function isAttribution(line: string, next: string | undefined): boolean {
  for (const { start, verb } of ATTRIBUTION_LINES) {
    if (!line.startsWith(start)) continue;
    const joined = next === undefined ? line : `${line} ${next}`;
    // the verb sits at the end, before the colon; clients wrap the line, so accept it on the next one too
    const tail = (s: string) => s.endsWith(':') && s.includes(verb);
    if (tail(line) || (next !== undefined && tail(next) && joined.length < MAX_MARKER_LINE)) return true;
  }
  return false;
}

function isHeaderBlock(lines: readonly string[], i: number): boolean {
  if (!startsWithAny(lines[i] ?? '', HEADER_FROM)) return false;
  for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) {
    if (startsWithAny(lines[j] ?? '', HEADER_OTHER)) return true;
  }
  return false;
}

/** Why line `i` ends the reply's own text, or undefined when it does not. */
function cutAt(lines: readonly string[], i: number, hasContent: boolean): string | undefined {
  const line = lines[i] ?? '';
  if (line.length > MAX_MARKER_LINE) return undefined;
  if (HISTORY_SEPARATORS.includes(line) || isHeaderBlock(lines, i)) return 'quoted history removed';
  if (line.startsWith('____') && isHeaderBlock(lines, i + 1)) return 'quoted history removed';
  if (isAttribution(line, lines[i + 1])) return 'quoted history removed';
  if (startsWithAny(line, MOBILE_FOOTERS)) return 'mobile footer removed';
  if (!hasContent) return undefined;
  if (line === '--' || line === '-- ' || line === '—') return 'signature removed';
  const signOff = line.endsWith(',') || line.endsWith('!') || line.endsWith('.') ? line.slice(0, -1) : line;
  if (SIGN_OFFS.has(signOff.trimEnd())) return 'signature removed';
  return undefined;
}

/**
 * Removes quoted history ("On … wrote:", `>` lines, "-----Original Message-----", From:/Sent: header blocks),
 * mobile footers and signatures, in one pass over the lines. Linear in the text's length: each line is looked at
 * a bounded number of times, long lines skip the marker tests, and only the first {@link MAX_STRIP_CHARS}
 * characters are read.
 */
export function stripReply(text: string): StrippedReply {
  const raw = text.slice(0, MAX_STRIP_CHARS).split('\n');
  const lines = raw.map((l) => (l.length > MAX_MARKER_LINE ? '' : l.trim().toLowerCase()));
  const kept: string[] = [];
  const cuts = new Set<string>();
  let hasContent = false;
  for (let i = 0; i < raw.length; i++) {
    const original = (raw[i] ?? '').replace(/\r$/, '');
    const line = lines[i] ?? '';
    if (line.startsWith('>')) {
      cuts.add('quoted lines removed');
      continue;
    }
    const why = cutAt(lines, i, hasContent);
    if (why !== undefined) {
      cuts.add(why);
      break;
    }
    kept.push(original);
    if (original.trim() !== '') hasContent = true;
  }
  return { body: kept.join('\n').trim(), cuts: [...cuts] };
}
