/**
 * Instantly `{{name}}` placeholders, parsed by one linear scan (no regex: the old
 * `/\{\{\s*([^{}]*?)\s*\}\}/` backtracked cubically on `"{{" + 9,000 spaces + "x"` and held the worker for
 * minutes). Pure and workflow-safe.
 */

/** Longest placeholder name we accept between the braces (Instantly's variable names are short). */
export const MAX_PLACEHOLDER_NAME = 100;

/** One `{{…}}` found in a text: its name (inner text trimmed; '' for `{{ }}`) and where it starts and ends. */
export interface Placeholder {
  name: string;
  start: number;
  /** Index just after the closing `}}`. */
  end: number;
}

/** Outcome of {@link scanPlaceholders}: the placeholders, and the first malformed `{{` if any. */
export interface PlaceholderScan {
  placeholders: Placeholder[];
  /** Why the text is refused at the door, or undefined when every `{{` is well formed. */
  problem?: string;
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }

/**
 * Finds every `{{ name }}` (no brace inside, whitespace around the name ignored), left to right, with the same
 * matches the old regex gave. Linear: the inner scans of two attempted starts never overlap (an attempt stops
 * at the first brace, and the next `{{` cannot start before it, except at the very next index when the inner
 * part is empty), so the whole text is read O(1) times.
 */
export function scanPlaceholders(text: string): PlaceholderScan {
  const placeholders: Placeholder[] = [];
  let problem: string | undefined;
  let i = text.indexOf('{{');
  while (i !== -1) {
    let j = i + 2;
    while (j < text.length && text.charCodeAt(j) !== OPEN && text.charCodeAt(j) !== CLOSE) j++;
    if (j + 1 < text.length && text.charCodeAt(j) === CLOSE && text.charCodeAt(j + 1) === CLOSE) {
      const name = text.slice(i + 2, j).trim();
      if (name.length > MAX_PLACEHOLDER_NAME && problem === undefined)
        problem = `a {{placeholder}} name is longer than ${MAX_PLACEHOLDER_NAME} characters`;
      placeholders.push({ name, start: i, end: j + 2 });
      i = text.indexOf('{{', j + 2);
      continue;
    }
    // `{{{name}}}`: the brace right after this `{{` starts the real placeholder one index later.
    const tripleBrace = j === i + 2 && text.charCodeAt(j) === OPEN;
    if (!tripleBrace && problem === undefined)
      problem = 'a {{ is not closed by }} (no braces allowed inside a placeholder)';
    i = text.indexOf('{{', i + 1);
  }
  return problem === undefined ? { placeholders } : { placeholders, problem };
}
