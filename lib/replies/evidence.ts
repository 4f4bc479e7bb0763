import { LEXICON_INDEX, type Phrase } from './lexicon';
import { countQuestionMarks, foldForMatch } from './normalize';
import { REPLY_LANGUAGES, type ReplyLabel, type ReplyLanguage } from './types';

/** Only the start of a reply's own text is weighed: the decision is always near the top, and it bounds the work. */
export const MAX_CLASSIFY_CHARS = 4_000;

/** What the phrases and signals of one reply add up to. */
export interface Evidence {
  readonly scores: Map<ReplyLabel, number>;
  /** Per label, what added to it, heaviest first is not guaranteed: in match order. */
  readonly reasons: Map<ReplyLabel, string[]>;
  readonly language: ReplyLanguage | null;
  readonly questionMarks: number;
}

/**
 * Subjects that mark an automatic answer; the second element is the label they also point to, if any. Short
 * words ("auto", "ooo") count only as the subject's first word: "Re: leads for Tom's Auto" is no auto-reply.
 */
const PREFIX_ONLY: ReadonlySet<string> = new Set(['auto', 'ooo']);
const SUBJECT_MARKERS: ReadonlyArray<readonly [string, ReplyLabel | null]> = [
  ['out of office', 'out_of_office'],
  ['out of the office', 'out_of_office'],
  ['ooo', 'out_of_office'],
  ['abwesenheit', 'out_of_office'],
  ['absence', 'out_of_office'],
  ['ausencia', 'out_of_office'],
  ['afwezig', 'out_of_office'],
  ['ferias', 'out_of_office'],
  ['automatic reply', null],
  ['auto reply', null],
  ['autoreply', null],
  ['auto', null],
  ['automatische antwort', null],
  ['reponse automatique', null],
  ['respuesta automatica', null],
  ['resposta automatica', null],
  ['automatisch antwoord', null],
  ['ticket', 'auto_other'],
  ['undeliverable', 'auto_other'],
  ['delivery status notification', 'auto_other'],
  ['mail delivery failed', 'auto_other'],
  ['accuse de reception', 'auto_other'],
  ['eingangsbestatigung', 'auto_other'],
];

/** Reads the subject: does it say "automatic answer", and does it point to a label? */
export function subjectSignals(subject: string | undefined): {
  auto: boolean;
  label: ReplyLabel | null;
  marker: string | null;
} {
  if (!subject) return { auto: false, label: null, marker: null };
  const folded = foldForMatch(subject.slice(0, 500));
  for (const [marker, label] of SUBJECT_MARKERS) {
    const at = folded.indexOf(` ${marker} `);
    if (at === 0 || (at > 0 && !PREFIX_ONLY.has(marker))) return { auto: true, label, marker };
  }
  return { auto: false, label: null, marker: null };
}

/**
 * Contrast words: what follows the last one is what the writer means ("not the owner but call me", "interesting
 * but not for us"), so phrases after it weigh {@link AFTER_CONTRAST} times as much.
 */
const CONTRASTS: readonly string[] = [
  ' but ',
  ' however ',
  ' pero ',
  ' mais ',
  ' aber ',
  ' jedoch ',
  ' mas ',
  ' maar ',
];
export const AFTER_CONTRAST = 1.5;

function lastContrast(folded: string): number {
  let at = -1;
  for (const c of CONTRASTS) at = Math.max(at, folded.lastIndexOf(c));
  return at;
}

const add = <K>(map: Map<K, number>, key: K, by: number) => map.set(key, (map.get(key) ?? 0) + by);

/**
 * Matches every lexicon phrase against the folded text, longest first; a match consumes its words so a shorter
 * phrase inside it ("interested" in "not interested") cannot count again. Only phrases whose first word occurs are
 * tried; the text is capped at {@link MAX_CLASSIFY_CHARS}.
 */
export function gatherEvidence(
  body: string,
  index: ReadonlyMap<string, readonly Phrase[]> = LEXICON_INDEX,
): Evidence {
  let work = foldForMatch(body.slice(0, MAX_CLASSIFY_CHARS));
  const questionMarks = countQuestionMarks(work);
  const candidates = new Set<Phrase>();
  for (const word of new Set(work.split(' '))) for (const p of index.get(word) ?? []) candidates.add(p);
  const ordered = [...candidates].sort((a, b) => a.order - b.order);
  const scores = new Map<ReplyLabel, number>();
  const reasons = new Map<ReplyLabel, string[]>();
  const langs = new Map<ReplyLanguage, number>();
  const contrast = lastContrast(work);
  for (const p of ordered) {
    const at = work.indexOf(p.needle);
    if (at < 0) continue;
    // blank the match with a same-length filler so later positions (and the contrast index) stay true
    work = work.split(p.needle).join(` ${'|'.repeat(p.needle.length - 2)} `);
    const weight = contrast >= 0 && at >= contrast ? p.weight * AFTER_CONTRAST : p.weight;
    add(scores, p.label, weight);
    const list = reasons.get(p.label) ?? [];
    list.push(`"${p.text}" (${p.lang}, +${weight}${weight === p.weight ? '' : ' after a contrast'})`);
    reasons.set(p.label, list);
    add(langs, p.lang, p.words);
  }
  let language: ReplyLanguage | null = null;
  for (const l of REPLY_LANGUAGES)
    if ((langs.get(l) ?? 0) > (language ? (langs.get(language) ?? 0) : 0)) language = l;
  return { scores, reasons, language, questionMarks };
}
