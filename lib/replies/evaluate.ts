import { REPLY_LABELS, type ReplyLabel } from './types';

/** One labelled reply of test/fixtures/replies/*.jsonl. */
export interface LabelledReply {
  text: string;
  subject?: string;
  auto?: boolean;
  label: ReplyLabel;
  lang: string;
  split: 'tune' | 'heldout';
  /** Which writing batch a held-out reply belongs to (docs/replies.md); absent = 1. */
  batch?: number;
}

export interface LabelScore {
  label: ReplyLabel;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  total: number;
  accuracy: number;
  macroF1: number;
  perLabel: LabelScore[];
  /** Misclassified replies, as [expected, predicted, text] (for tuning on the tune split only). */
  mistakes: Array<[ReplyLabel, ReplyLabel, string]>;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Per-label precision / recall / F1 and macro-F1 (the unweighted mean of the labels' F1). */
export function evaluate(
  items: readonly LabelledReply[],
  predict: (item: LabelledReply) => ReplyLabel,
): Evaluation {
  const tp = new Map<ReplyLabel, number>();
  const fp = new Map<ReplyLabel, number>();
  const fn = new Map<ReplyLabel, number>();
  const bump = (m: Map<ReplyLabel, number>, l: ReplyLabel) => m.set(l, (m.get(l) ?? 0) + 1);
  const mistakes: Evaluation['mistakes'] = [];
  let correct = 0;
  for (const item of items) {
    const got = predict(item);
    if (got === item.label) {
      correct++;
      bump(tp, got);
    } else {
      bump(fp, got);
      bump(fn, item.label);
      mistakes.push([item.label, got, item.text]);
    }
  }
  const perLabel = REPLY_LABELS.map((label) => {
    const t = tp.get(label) ?? 0;
    const precision = ratio(t, t + (fp.get(label) ?? 0));
    const recall = ratio(t, t + (fn.get(label) ?? 0));
    const f1 = ratio(2 * precision * recall, precision + recall);
    return { label, support: t + (fn.get(label) ?? 0), precision, recall, f1 };
  });
  const macroF1 = perLabel.reduce((s, l) => s + l.f1, 0) / perLabel.length;
  return { total: items.length, accuracy: ratio(correct, items.length), macroF1, perLabel, mistakes };
}
