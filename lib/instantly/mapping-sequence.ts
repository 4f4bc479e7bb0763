import { scanPlaceholders } from '../../contracts/placeholders';
import type { SequenceStep, SequenceVariant } from './body-types';
import { InstantlyMappingError } from './mapping-errors';

/** An extra A/B variant of a planned email. */
export interface PlanVariant {
  subject: string;
  body: string;
}

/** One email of a campaign plan. `delayDays` = days after the PREVIOUS email (0 for the first email). */
export interface PlanStep {
  subject: string;
  body: string;
  delayDays: number;
  variants?: readonly PlanVariant[];
}

/**
 * Converts a plan's emails into Instantly `sequences[0].steps`. Instantly's `delay` on step N is the wait
 * AFTER step N before step N+1, so the plan's delay of email k goes on step k−1 and the last step gets 0.
 * The email's own subject/body is variant A, extra variants follow. Subjects are never HTML-wrapped; bodies
 * go through {@link toHtmlBody}. Throws InstantlyMappingError (`invalid_sequence`) for an empty plan, a
 * negative/non-finite delay, a non-zero delay on the first email (Instantly has no delay before step 1: use
 * campaign_schedule.start_date), a first-email subject that is empty, a subject with a line break, or an
 * empty body.
 */
export function planSequenceToSteps(plan: readonly PlanStep[]): SequenceStep[] {
  if (!isList(plan) || plan.length === 0) fail('the plan has no emails');
  plan.forEach((step, index) => checkDelay(step.delayDays, index));
  if (plan[0]?.delayDays !== 0) {
    fail('email 1 has a delay, but Instantly cannot delay the first email; use campaign_schedule.start_date');
  }
  return plan.map((step, index) => ({
    type: 'email',
    delay: plan[index + 1]?.delayDays ?? 0,
    delay_unit: 'days',
    variants: [step, ...(step.variants ?? [])].map((variant, v) => toVariant(variant, index, v)),
  }));
}

const HTML_TAG =
  /<\/?(?:a|b|i|u|s|p|br|hr|div|span|strong|em|font|img|ul|ol|li|table|thead|tbody|tr|td|th|h[1-6]|blockquote|center|small|sup|sub|pre|code|html|body)\b[^<>]*>/i;

/**
 * Email body for Instantly: HTML (any common tag present) is returned untouched; plain text becomes one
 * `<div>…</div>` per line and `<div><br /></div>` per empty line, with `& < >` escaped outside `{{…}}`
 * placeholders, which are kept byte-for-byte.
 */
export function toHtmlBody(body: string): string {
  if (HTML_TAG.test(body)) return body;
  return body
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line.trim() === '' ? '<div><br /></div>' : `<div>${escapeOutsidePlaceholders(line)}</div>`,
    )
    .join('');
}

function escapeOutsidePlaceholders(line: string): string {
  // Nothing to escape (the common case): placeholders are kept as they are anyway.
  if (!/[&<>]/.test(line)) return line;
  let out = '';
  let at = 0;
  for (const p of scanPlaceholders(line).placeholders) {
    out += escapeHtml(line.slice(at, p.start)) + line.slice(p.start, p.end);
    at = p.end;
  }
  return out + escapeHtml(line.slice(at));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function toVariant(variant: PlanVariant, step: number, index: number): SequenceVariant {
  const where = `email ${step + 1} variant ${String.fromCharCode(65 + index)}`;
  if (typeof variant.subject !== 'string' || /[\r\n]/.test(variant.subject)) {
    fail(`${where}: subject must be one line of text`);
  }
  if (step === 0 && variant.subject.trim() === '') fail(`${where}: the first email needs a subject`);
  if (typeof variant.body !== 'string' || variant.body.trim() === '') fail(`${where}: body is empty`);
  return { subject: variant.subject, body: toHtmlBody(variant.body) };
}

function checkDelay(delayDays: number, index: number): void {
  if (typeof delayDays !== 'number' || !Number.isFinite(delayDays) || delayDays < 0) {
    fail(`email ${index + 1}: delayDays must be a finite number >= 0, got ${String(delayDays)}`);
  }
}

function fail(message: string): never {
  throw new InstantlyMappingError('invalid_sequence', message);
}

// A plain boolean on purpose: Array.isArray's `any[]` guard would erase the element type.
function isList(value: unknown): boolean {
  return Array.isArray(value);
}
