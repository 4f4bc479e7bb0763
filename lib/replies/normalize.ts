/**
 * Folds text for phrase matching: lower case, accents dropped, ß → ss, every run of other characters
 * becomes one space, `?` kept as its own token. Padded with spaces so a phrase `" x y "` matches whole words.
 * Every regex here is a single character class (linear).
 */
export function foldForMatch(text: string): string {
  const folded = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/\?/g, ' ? ')
    .replace(/[^\p{L}\p{N}?]+/gu, ' ')
    .trim();
  return ` ${folded} `;
}

/** Number of `?` tokens in a folded text (linear scan). */
export function countQuestionMarks(folded: string): number {
  let n = 0;
  for (let i = 0; i < folded.length; i++) if (folded.charCodeAt(i) === 63) n++;
  return n;
}
