import { REPLY_LABELS, type ReplyLabel } from './types';

/**
 * The learned part of the classifier: a linear model (multinomial logistic regression) over the folded reply's
 * words, word pairs and word stems, trained offline by `npm run replies:train` (scripts/train-replies.ts) on the
 * labelled set and committed as lib/replies/model.json. Runtime only reads that file: never the fixtures.
 */
export interface ReplyModelData {
  /** Model format and training recipe, part of the classifier version. */
  readonly version: string;
  /** Label order of `bias` and of each feature's weights. */
  readonly labels: readonly string[];
  /** Bias and weights are integers: thousandths ({@link MODEL_WEIGHT_SCALE}). */
  readonly bias: readonly number[];
  readonly features: readonly string[];
  /** Row-major: the weights of feature i are `weights[i * labels.length ...]`. */
  readonly weights: readonly number[];
}

/** model.json stores each weight × this, rounded to an integer. */
export const MODEL_WEIGHT_SCALE = 1000;

/** A compiled model: feature → weights per label (a Map: reply words are outside strings). */
export interface ReplyModel {
  readonly version: string;
  readonly labels: readonly ReplyLabel[];
  readonly bias: readonly number[];
  readonly weights: ReadonlyMap<string, readonly number[]>;
}

/** What the model says about one reply. */
export interface ModelVote {
  readonly label: ReplyLabel;
  /** Softmax probability of `label`. */
  readonly probability: number;
  /** How many of the reply's words the model knows (as whole words, not only by their letters). */
  readonly known: number;
  /** The words, pairs or stems that pushed hardest towards `label`, heaviest first (at most three). */
  readonly because: readonly string[];
}

/** Only the first words are read: the decision is near the top, and it bounds the work. */
export const MAX_MODEL_TOKENS = 300;
/** Words at least this long also give their stem (first STEM_LENGTH letters): "interesa", "interessiert". */
const STEM_FROM = 7;
const STEM_LENGTH = 5;
/** Letter triples of each word, marked `#` and with `<` `>` at the word's edges: "#<in", "#int", "#nt>". */
const CHAR_GRAM = 3;

/**
 * The features of a folded text (see normalize.ts: lower case, accents dropped, `?` a token): every word, every
 * pair of neighbouring words ("not interested", "next year"), the stem of every long word ("interes*") and the
 * letter triples of every word (they carry spelling variants, typos and the six languages' shared roots:
 * "interesse", "interesado", "interessiert"). Deduplicated, in first-seen order. Linear in the text.
 */
export function modelFeatures(folded: string): string[] {
  const tokens = folded
    .trim()
    .split(' ')
    .filter((t) => t !== '')
    .slice(0, MAX_MODEL_TOKENS);
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    out.add(t);
    if (t.length >= STEM_FROM) out.add(`${t.slice(0, STEM_LENGTH)}*`);
    if (i + 1 < tokens.length) out.add(`${t} ${tokens[i + 1] ?? ''}`);
    const w = `<${t}>`;
    for (let c = 0; c + CHAR_GRAM <= w.length; c++) out.add(`#${w.slice(c, c + CHAR_GRAM)}`);
  }
  return [...out];
}

/** Checks a model file's shape and builds the lookup Map. Throws on a malformed file. */
export function compileModel(data: ReplyModelData): ReplyModel {
  const n = data.labels.length;
  const labels = data.labels.map((l) => {
    if (!(REPLY_LABELS as readonly string[]).includes(l)) throw new Error(`model: unknown label ${l}`);
    return l as ReplyLabel;
  });
  if (data.bias.length !== n || data.weights.length !== data.features.length * n) {
    throw new Error('model: bias or weights do not match labels × features');
  }
  const weights = new Map<string, readonly number[]>();
  const unscale = (v: number) => v / MODEL_WEIGHT_SCALE;
  data.features.forEach((f, i) => weights.set(f, data.weights.slice(i * n, (i + 1) * n).map(unscale)));
  return { version: data.version, labels, bias: data.bias.map(unscale), weights };
}

/** Softmax probabilities per label (in `model.labels` order) and the known features of a folded text. */
export function modelProbabilities(
  model: ReplyModel,
  features: readonly string[],
): { probs: number[]; known: string[] } {
  const z = [...model.bias];
  const known: string[] = [];
  for (const f of features) {
    const w = model.weights.get(f);
    if (!w) continue;
    known.push(f);
    for (let k = 0; k < z.length; k++) z[k] = (z[k] ?? 0) + (w[k] ?? 0);
  }
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return { probs: e.map((v) => v / sum), known };
}

/**
 * The model's vote on a folded text, among `allowed` labels (an automatic reply can only be away, wrong contact
 * or automatic). Ties go to the earlier label of `allowed`, so the answer is deterministic.
 */
export function modelVote(model: ReplyModel, folded: string, allowed: readonly ReplyLabel[]): ModelVote {
  const { probs, known } = modelProbabilities(model, modelFeatures(folded));
  let best = -1;
  let total = 0;
  for (const l of allowed) {
    const k = model.labels.indexOf(l);
    total += probs[k] ?? 0;
    if (best < 0 || (probs[k] ?? 0) > (probs[best] ?? 0)) best = k;
  }
  const label = model.labels[best] ?? 'question';
  // reasons name words, pairs and stems (a letter triple means little to a reader)
  const because = known
    .filter((f) => !f.startsWith('#'))
    .map((f) => [f, model.weights.get(f)?.[best] ?? 0] as const)
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([f]) => f);
  const probability = total > 0 ? (probs[best] ?? 0) / total : 0;
  const words = known.filter((f) => !f.startsWith('#') && !f.includes(' ') && !f.endsWith('*')).length;
  return { label, probability, known: words, because };
}
