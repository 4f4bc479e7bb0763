import { foldForMatch } from '../normalize';
import type { ReplyLabel, ReplyLanguage } from '../types';
import { DE } from './de';
import { EN } from './en';
import { ES } from './es';
import { FR } from './fr';
import { NL } from './nl';
import { PT } from './pt';
import type { PhraseGroup } from './types';

/** One compiled phrase: folded and space-padded so `includes` matches whole words only. */
export interface Phrase {
  readonly needle: string;
  readonly text: string;
  readonly label: ReplyLabel;
  readonly weight: number;
  readonly lang: ReplyLanguage;
  readonly words: number;
  /** Position in the match order (longest first). */
  readonly order: number;
}

const SOURCES: ReadonlyArray<readonly [ReplyLanguage, readonly PhraseGroup[]]> = [
  ['en', EN],
  ['es', ES],
  ['fr', FR],
  ['de', DE],
  ['pt', PT],
  ['nl', NL],
];

/**
 * Folds every phrase, drops duplicates (first one wins, so a phrase keeps its language's weight) and orders them
 * longest first: a longer phrase consumes its words before a shorter one can match inside it. Throws when one
 * folded phrase is given to two labels, so the lexicon can never contradict itself silently.
 */
export function compileLexicon(sources = SOURCES): Phrase[] {
  const seen = new Map<string, Phrase>();
  for (const [lang, groups] of sources) {
    for (const [label, weight, phrases] of groups) {
      for (const text of phrases) {
        const needle = foldForMatch(text);
        const prior = seen.get(needle);
        if (prior && prior.label !== label) {
          throw new Error(`phrase "${text}" (${lang}) is both ${prior.label} and ${label}`);
        }
        const words = needle.trim().split(' ').length;
        if (!prior) seen.set(needle, { needle, text, label, weight, lang, words, order: 0 });
      }
    }
  }
  return [...seen.values()]
    .sort((a, b) => b.words - a.words || b.needle.length - a.needle.length || (a.needle < b.needle ? -1 : 1))
    .map((p, order) => ({ ...p, order }));
}

/** Phrases by their first word, so a reply only tests the phrases whose first word it contains. */
export function indexByFirstWord(lexicon: readonly Phrase[]): ReadonlyMap<string, readonly Phrase[]> {
  const index = new Map<string, Phrase[]>();
  for (const p of lexicon) {
    const first = p.needle.trim().split(' ')[0] ?? '';
    const list = index.get(first) ?? [];
    list.push(p);
    index.set(first, list);
  }
  return index;
}

/** The default lexicon, compiled once. */
export const LEXICON: readonly Phrase[] = compileLexicon();
/** The default lexicon's first-word index. */
export const LEXICON_INDEX = indexByFirstWord(LEXICON);

/** Short digest of the lexicon (phrases, labels, weights) so a version string changes when the lexicon does. */
export function lexiconDigest(lexicon: readonly Phrase[] = LEXICON): string {
  let h = 0x811c9dc5;
  for (const p of lexicon) {
    const s = `${p.needle}|${p.label}|${p.weight};`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
