import { extractReturnDate } from './dates';
import { decide } from './decide';
import { gatherEvidence, subjectSignals } from './evidence';
import { lexiconDigest } from './lexicon';
import { MAX_STRIP_CHARS, stripReply } from './strip';
import type { ReplyClassification, ReplyClassifier, ReplyInput } from './types';

/** Version of the rules; the lexicon digest is appended so any lexicon change gives a new version string. */
export const RULES_VERSION = 'rules-1';
/** The default classifier's version, stored with every label so old labels can be found and redone. */
export const CLASSIFIER_VERSION = `${RULES_VERSION}+${lexiconDigest()}`;

const MAX_REASONS = 6;

/** 0..1: how far ahead the winner is, damped when its evidence is thin. Two decimals. */
function confidenceOf(top: number, runnerUp: number, fallback: boolean): number {
  if (fallback || top <= 0) return 0.2;
  const margin = top / (top + runnerUp);
  const strength = Math.min(1, 0.4 + top / 10);
  return Math.round(margin * strength * 100) / 100;
}

/**
 * Classifies one reply, synchronously and deterministically: strips quoted history and signatures, weighs the
 * lexicon phrases and signals, applies the rules, and for out_of_office reads the return date.
 */
export function classifyReply(input: ReplyInput): ReplyClassification {
  const stripped = stripReply(input.text);
  const body = stripped.body === '' ? input.text.slice(0, MAX_STRIP_CHARS) : stripped.body;
  const subject = subjectSignals(input.subject);
  const auto = input.auto === true || subject.auto;
  const ev = gatherEvidence(body);
  const d = decide(ev, auto, subject.label);
  const reasons = [...(ev.reasons.get(d.label) ?? [])].slice(0, MAX_REASONS);
  if (input.auto === true) reasons.push('flagged as an automatic reply');
  if (subject.marker) reasons.push(`subject says "${subject.marker}"`);
  if (d.label === 'question' && ev.questionMarks > 0) reasons.push('asks a question (?)');
  reasons.push(...d.rules, ...stripped.cuts);
  const fallback = d.top === 0;
  return {
    label: d.label,
    confidence: confidenceOf(d.top, d.runnerUp, fallback),
    reasons,
    version: CLASSIFIER_VERSION,
    language: ev.language,
    returnDate: d.label === 'out_of_office' ? extractReturnDate(body, ev.language, input.receivedAt) : null,
  };
}

/** The default {@link ReplyClassifier}: offline rules and lexicons, no I/O. */
export function createRuleClassifier(): ReplyClassifier {
  return {
    version: CLASSIFIER_VERSION,
    classify: (input) => Promise.resolve(classifyReply(input)),
  };
}
