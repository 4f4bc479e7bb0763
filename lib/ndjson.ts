/** A line longer than the reader accepts (a single JSON value must not exhaust memory). */
export class LineTooLongError extends Error {
  override name = 'LineTooLongError';
}

/**
 * Splits a byte stream (e.g. an HTTP request) into newline-delimited lines with their 1-based numbers, pulling
 * one chunk at a time (async iteration keeps backpressure), holding at most one unfinished line of `maxLine`
 * characters. Empty lines are skipped.
 */
export async function* ndjsonLines(
  source: AsyncIterable<Buffer | string>,
  maxLine = 1_000_000,
): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let rest = '';
  let line = 0;
  for await (const chunk of source) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
      line += 1;
      const text = rest.slice(start, nl).trim();
      start = nl + 1;
      if (text) yield { line, text };
    }
    rest = rest.slice(start);
    if (rest.length > maxLine)
      throw new LineTooLongError(`line ${line + 1} is longer than ${maxLine} characters`);
  }
  rest += decoder.decode();
  if (rest.trim()) yield { line: line + 1, text: rest.trim() };
}
