import type { Evidence } from './evidence';
import type { ModelVote } from './model';
import type { ReplyLabel } from './types';

/**
 * Tie order, most conservative first: when two labels weigh the same, the one that protects the lead and the
 * sender wins (stop > wrong contact > not interested > away > interested > question > automatic).
 */
export const TIE_ORDER: readonly ReplyLabel[] = [
  'unsubscribe',
  'wrong_person',
  'not_interested',
  'out_of_office',
  'interested',
  'question',
  'auto_other',
];
/** Labels an automatic reply can have. */
export const AUTO_LABELS: readonly ReplyLabel[] = ['out_of_office', 'wrong_person', 'auto_other'];

/** An explicit stop request outranks everything in a human reply (weight of one strong unsubscribe phrase). */
export const UNSUBSCRIBE_PRECEDENCE = 6;
/** A phrase this heavy is an explicit statement of interest ("I'm interested", "call me"). */
export const STRONG_INTEREST = 3;
const QUESTION_MARK_WEIGHT = 1.5;
const AUTO_FLAG_WEIGHT = 2;
const SUBJECT_WEIGHT = 3;

/**
 * How much the learned model's vote weighs: its label gets `weight × probability` when the model is at least
 * `minProbability` sure and knows at least `minKnown` of the reply's words. Chosen by leave-one-batch-out
 * cross-validation (docs/replies.md), so an explicit stop request (weight 6) still outranks it and two
 * agreeing lexicon phrases outweigh it.
 */
export interface ModelTuning {
  readonly weight: number;
  readonly minProbability: number;
  readonly minKnown: number;
}
export const MODEL_TUNING: ModelTuning = { weight: 4, minProbability: 0.35, minKnown: 2 };

export interface Decision {
  label: ReplyLabel;
  top: number;
  runnerUp: number;
  rules: string[];
}

function pick(
  scores: ReadonlyMap<ReplyLabel, number>,
  among: readonly ReplyLabel[],
): [ReplyLabel, number, number] {
  let best: ReplyLabel = among[0] ?? 'question';
  let second = 0;
  for (const l of among.slice(1)) {
    const v = scores.get(l) ?? 0;
    if (v > (scores.get(best) ?? 0)) {
      second = scores.get(best) ?? 0;
      best = l;
    } else second = Math.max(second, v);
  }
  return [best, scores.get(best) ?? 0, second];
}

/**
 * Turns evidence into one label with the rules of docs/replies.md: auto-replies choose among away / wrong
 * contact / automatic; in a human reply an explicit stop request wins, a question from someone who states
 * interest is interested, otherwise the heaviest label wins and ties go by {@link TIE_ORDER}; a human reply
 * with no signal at all is a question (it needs a person to read it).
 */
export function decide(
  ev: Evidence,
  auto: boolean,
  subjectLabel: ReplyLabel | null,
  vote: ModelVote | null = null,
  tuning: ModelTuning = MODEL_TUNING,
): Decision {
  const scores = new Map(ev.scores);
  const rules: string[] = [];
  if (subjectLabel) scores.set(subjectLabel, (scores.get(subjectLabel) ?? 0) + SUBJECT_WEIGHT);
  // the model learned auto_other only from replies flagged automatic: in a human reply that vote is dropped
  // (a human reply is auto_other only by an explicit lexicon phrase or the subject)
  if (
    vote &&
    vote.probability >= tuning.minProbability &&
    vote.known >= tuning.minKnown &&
    (auto || vote.label !== 'auto_other')
  ) {
    const by = Math.round(tuning.weight * vote.probability * 100) / 100;
    scores.set(vote.label, (scores.get(vote.label) ?? 0) + by);
    const words = vote.because.map((w) => `'${w}'`).join(', ');
    rules.push(
      `model: ${vote.label} (p ${vote.probability.toFixed(2)}, +${by})${words ? ` from ${words}` : ''}`,
    );
  }
  if (auto) {
    scores.set('auto_other', (scores.get('auto_other') ?? 0) + AUTO_FLAG_WEIGHT);
    const [label, top, runnerUp] = pick(scores, AUTO_LABELS);
    rules.push('automatic reply: only out_of_office, wrong_person or auto_other');
    return { label, top, runnerUp, rules };
  }
  if (ev.questionMarks > 0) {
    const q = Math.min(ev.questionMarks, 2) * QUESTION_MARK_WEIGHT;
    scores.set('question', (scores.get('question') ?? 0) + q);
  }
  const unsub = scores.get('unsubscribe') ?? 0;
  if (unsub >= UNSUBSCRIBE_PRECEDENCE && (scores.get('wrong_person') ?? 0) >= UNSUBSCRIBE_PRECEDENCE) {
    // "the shop closed, remove it from your list": the address is dead, not a person asking to stop
    rules.push('a closed business or departed contact asking for removal is wrong_person');
    const [, , runnerUp] = pick(
      scores,
      TIE_ORDER.filter((l) => l !== 'wrong_person'),
    );
    return { label: 'wrong_person', top: scores.get('wrong_person') ?? 0, runnerUp, rules };
  }
  if (unsub >= UNSUBSCRIBE_PRECEDENCE) {
    rules.push('an explicit stop request outranks every other signal');
    const [, , runnerUp] = pick(scores, TIE_ORDER.slice(1));
    return { label: 'unsubscribe', top: unsub, runnerUp: Math.min(runnerUp, unsub), rules };
  }
  let [label, top, runnerUp] = pick(scores, TIE_ORDER);
  const interest = scores.get('interested') ?? 0;
  if (
    label === 'question' &&
    interest >= STRONG_INTEREST &&
    interest >= (scores.get('not_interested') ?? 0)
  ) {
    rules.push('a question from someone who states interest is interested');
    [label, runnerUp, top] = ['interested', top, interest];
  }
  if (top === 0) {
    rules.push('no signal: a human reply nobody can label goes to a person as a question');
    label = 'question';
  }
  return { label, top, runnerUp, rules };
}
