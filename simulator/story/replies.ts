import type { Rng } from '../core/random';

const HUMAN_REPLIES = [
  'Hi {{firstName}},\n\nThanks for reaching out. This is timely, we were just talking about it internally. Could you send over a couple of times that work for a 20-minute call next week?\n\nBest,\n{{me}}',
  "Thanks, but we're all set for now. Feel free to check back next quarter.",
  'Not interested, please remove me from your list.',
  "Hey, I'm not the right person for this. You'll want to talk to our operations lead, I've copied them here.",
  'Interesting. What does pricing look like for a team of about 15 people?',
  'Can you share a case study from a company similar to ours? If it looks relevant I can loop in my manager.',
  'We tried something similar last year and it did not work out. What would be different this time?',
  'Sounds good, let us talk. Thursday afternoon works for me.',
  'Please send more information by email, I do not have time for a call right now.',
  'Who gave you my address?',
];

const AUTO_REPLIES = [
  'Thank you for your email. I am currently out of the office with limited access to email and will return on Monday. For urgent matters please contact our office line.',
  'I am on parental leave until further notice. Your message will not be forwarded.',
  'Automatic reply: I am travelling this week and will respond as soon as possible after my return.',
  'This mailbox is no longer monitored. Please contact info@ for any questions.',
];

function pick(rng: Rng, list: readonly string[]): string {
  return list[Math.floor(rng() * list.length)] ?? list[0] ?? '';
}

/** A realistic human reply body (may contain merge tags the caller renders). */
export function humanReply(rng: Rng): string {
  return pick(rng, HUMAN_REPLIES);
}

/** A realistic out-of-office / automatic reply body. */
export function autoReply(rng: Rng): string {
  return pick(rng, AUTO_REPLIES);
}

/** Renders `{{name}}` merge tags from the lead's variables (unknown tags render empty, as in Instantly). */
export function render(template: string, vars: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_m, name: string) => {
    // Own variables only: `{{constructor}}` is an unknown tag, not Object.prototype's member.
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
  });
}

/** Plain text from the HTML-ish body Instantly stores (`<div>` lines, `<br />`). */
export function toText(html: string): string {
  const lines = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(div|p)>/gi, '\n');
  return stripTags(lines)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * What `.replace(/<[^>]+>/g, '')` did, in one pass: that regex rescans to the end from every `<` of a body
 * without `>` (quadratic).
 */
export function stripTags(html: string): string {
  let out = '';
  let at = 0;
  let from = 0;
  for (;;) {
    const open = html.indexOf('<', from);
    const close = open === -1 ? -1 : html.indexOf('>', open + 1);
    if (close === -1) return out + html.slice(at);
    if (close === open + 1) {
      from = open + 1; // `<>` is no tag; a later `<` may start one
      continue;
    }
    out += html.slice(at, open);
    at = close + 1;
    from = at;
  }
}
