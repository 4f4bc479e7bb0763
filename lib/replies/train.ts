import { replyBody } from './classifier';
import type { LabelledReply } from './evaluate';
import { MAX_CLASSIFY_CHARS } from './evidence';
import { MODEL_WEIGHT_SCALE, modelFeatures, type ReplyModelData } from './model';
import { LEXICON } from './lexicon';
import { foldForMatch } from './normalize';
import { REPLY_LABELS, type ReplyLabel } from './types';

// Training of the reply model (lib/replies/model.ts), used by scripts/train-replies.ts (`npm run replies:train`)
// and by the cross-validation test. Takes labelled rows as arguments: nothing here reads the fixtures.

/** The training recipe; its name is part of the model version. */
export const RECIPE = {
  name: 'lr4',
  /** a feature must occur in at least this many training replies */
  minDocs: 2,
  /** L2 penalty on the weights (per reply, on the mean loss) */
  l2: 0.002,
  passes: 200,
  /**
   * Every lexicon phrase is also a (short) training example of its label, weighing this much against a reply:
   * the model learns the lexicon's words in all six languages, not only those the 492 replies happen to use.
   */
  phraseWeight: 0.3,
  rate: 0.5,
};

/** A reply's own text, folded, exactly as the classifier hands it to the model. */
export function foldedBody(text: string): string {
  return foldForMatch(replyBody(text).body.slice(0, MAX_CLASSIFY_CHARS));
}

export function featuresOf(r: LabelledReply): string[] {
  return modelFeatures(foldedBody(r.text));
}

/** A lexicon phrase as a training example: its folded words and its label. */
export interface PhraseExample {
  readonly needle: string;
  readonly label: ReplyLabel;
}

/**
 * Multinomial logistic regression on the replies and (by default) the lexicon's phrases, full-batch AdaGrad from
 * zero weights: deterministic.
 */
export function train(
  rows: readonly LabelledReply[],
  phrases: readonly PhraseExample[] = LEXICON,
): ReplyModelData {
  const K = REPLY_LABELS.length;
  const docs = [...rows.map(featuresOf), ...phrases.map((p) => modelFeatures(p.needle))];
  const sampleWeight = [...rows.map(() => 1), ...phrases.map(() => RECIPE.phraseWeight)];
  const df = new Map<string, number>();
  for (const d of docs) for (const f of d) df.set(f, (df.get(f) ?? 0) + 1);
  const features = [...df.entries()]
    .filter(([, n]) => n >= RECIPE.minDocs)
    .map(([f]) => f)
    .sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const X = docs.map((d) => d.flatMap((f) => (index.has(f) ? [index.get(f) ?? 0] : [])));
  const y = [...rows.map((r) => r.label), ...phrases.map((p) => p.label)].map((l) => REPLY_LABELS.indexOf(l));
  const W = new Float64Array(features.length * K);
  const b = new Float64Array(K);
  const gW2 = new Float64Array(W.length);
  const gb2 = new Float64Array(K);
  const N = docs.length;
  for (let pass = 0; pass < RECIPE.passes; pass++) {
    const gW = new Float64Array(W.length);
    const gb = new Float64Array(K);
    for (let i = 0; i < N; i++) {
      const z = Array.from(b);
      for (const j of X[i] ?? []) for (let k = 0; k < K; k++) z[k] = (z[k] ?? 0) + (W[j * K + k] ?? 0);
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const s = e.reduce((a, c) => a + c, 0);
      for (let k = 0; k < K; k++) {
        const g = (((e[k] ?? 0) / s - (k === y[i] ? 1 : 0)) * (sampleWeight[i] ?? 1)) / N;
        gb[k] = (gb[k] ?? 0) + g;
        for (const j of X[i] ?? []) gW[j * K + k] = (gW[j * K + k] ?? 0) + g;
      }
    }
    for (let p = 0; p < W.length; p++) {
      const g = (gW[p] ?? 0) + RECIPE.l2 * (W[p] ?? 0);
      gW2[p] = (gW2[p] ?? 0) + g * g;
      if (g !== 0) W[p] = (W[p] ?? 0) - (RECIPE.rate * g) / Math.sqrt(gW2[p] ?? 1);
    }
    for (let k = 0; k < K; k++) {
      const g = gb[k] ?? 0;
      gb2[k] = (gb2[k] ?? 0) + g * g;
      if (g !== 0) b[k] = (b[k] ?? 0) - (RECIPE.rate * g) / Math.sqrt(gb2[k] ?? 1);
    }
  }
  // weights are stored as integers in thousandths (a smaller file); features whose weights all round to 0 go
  const round = (v: number) => Math.round(v * MODEL_WEIGHT_SCALE);
  const keptFeatures: string[] = [];
  const keptWeights: number[] = [];
  features.forEach((f, j) => {
    const w = Array.from(W.subarray(j * K, (j + 1) * K), round);
    if (w.some((v) => v !== 0)) {
      keptFeatures.push(f);
      keptWeights.push(...w);
    }
  });
  const bias = Array.from(b, round);
  let h = 0x811c9dc5;
  const s = JSON.stringify([bias, keptFeatures, keptWeights]);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return {
    version: `${RECIPE.name}-${h.toString(16).padStart(8, '0')}`,
    labels: [...REPLY_LABELS],
    bias,
    features: keptFeatures,
    weights: keptWeights,
  };
}
