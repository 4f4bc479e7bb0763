// Trains the reply classifier's model (lib/replies/model.ts) on every labelled reply of test/fixtures/replies and
// writes lib/replies/model.json (`npm run replies:train`). Deterministic: no randomness, a fixed number of passes,
// the same fixtures always give the same file.
// --cv: instead of writing, leave-one-batch-out cross-validation (train without one batch, score it), the model
// alone and the whole classifier (lexicon + rules + model) with the chosen tuning and a small grid around it.
import fs from 'node:fs';
import path from 'node:path';
import { classifyReply, replyBody } from '../lib/replies/classifier';
import { MODEL_TUNING, type ModelTuning } from '../lib/replies/decide';
import { evaluate, type LabelledReply } from '../lib/replies/evaluate';
import { MAX_CLASSIFY_CHARS } from '../lib/replies/evidence';
import {
  compileModel,
  modelFeatures,
  modelProbabilities,
  type ReplyModel,
  type ReplyModelData,
} from '../lib/replies/model';
import { foldForMatch } from '../lib/replies/normalize';
import { REPLY_LABELS } from '../lib/replies/types';
import { loadReplies } from '../test/fixtures/replies/load';

/** The training recipe; its name is part of the model version. */
const RECIPE = {
  name: 'lr3',
  /** a feature must occur in at least this many training replies */
  minDocs: 2,
  /** L2 penalty on the weights (per reply, on the mean loss) */
  l2: 0.002,
  passes: 200,
  rate: 0.5,
};

const OUT = path.join(__dirname, '..', 'lib', 'replies', 'model.json');

function featuresOf(r: LabelledReply): string[] {
  return modelFeatures(foldForMatch(replyBody(r.text).body.slice(0, MAX_CLASSIFY_CHARS)));
}

/** Multinomial logistic regression, full-batch AdaGrad from zero weights: deterministic. */
export function train(rows: readonly LabelledReply[]): ReplyModelData {
  const K = REPLY_LABELS.length;
  const docs = rows.map(featuresOf);
  const df = new Map<string, number>();
  for (const d of docs) for (const f of d) df.set(f, (df.get(f) ?? 0) + 1);
  const features = [...df.entries()]
    .filter(([, n]) => n >= RECIPE.minDocs)
    .map(([f]) => f)
    .sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const X = docs.map((d) => d.flatMap((f) => (index.has(f) ? [index.get(f) ?? 0] : [])));
  const y = rows.map((r) => REPLY_LABELS.indexOf(r.label));
  const W = new Float64Array(features.length * K);
  const b = new Float64Array(K);
  const gW2 = new Float64Array(W.length);
  const gb2 = new Float64Array(K);
  const N = rows.length;
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
        const g = ((e[k] ?? 0) / s - (k === y[i] ? 1 : 0)) / N;
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
  // drop features whose weights all round to zero, round the rest (a smaller file, the same answers)
  const round = (v: number) => Math.round(v * 1000) / 1000;
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

const groupOf = (r: LabelledReply) => (r.split === 'tune' ? 'tune' : `batch ${r.batch ?? 1}`);

function crossValidate(all: readonly LabelledReply[]): void {
  const groups = [...new Set(all.map(groupOf))].sort();
  const grid: ModelTuning[] = [MODEL_TUNING];
  for (const weight of [1.5, 2.5, 4, 6])
    for (const minProbability of [0.35, 0.5])
      if (weight !== MODEL_TUNING.weight || minProbability !== MODEL_TUNING.minProbability)
        grid.push({ ...MODEL_TUNING, weight, minProbability });
  const rowsOut: string[] = [];
  const sums = new Map<string, number[]>();
  for (const g of groups) {
    const test = all.filter((r) => groupOf(r) === g);
    const model: ReplyModel = compileModel(train(all.filter((r) => groupOf(r) !== g)));
    const alone = evaluate(test, (r) => {
      const { probs } = modelProbabilities(model, featuresOf(r));
      return model.labels[probs.indexOf(Math.max(...probs))] ?? 'question';
    });
    const lexiconOnly = evaluate(
      test,
      (r) =>
        classifyReply(
          { text: r.text, subject: r.subject, auto: r.auto },
          { model: null, tuning: MODEL_TUNING },
        ).label,
    );
    const hybrid = grid.map(
      (tuning) =>
        evaluate(
          test,
          (r) => classifyReply({ text: r.text, subject: r.subject, auto: r.auto }, { model, tuning }).label,
        ).macroF1,
    );
    const line = [alone.macroF1, lexiconOnly.macroF1, ...hybrid];
    sums.set(g, line);
    rowsOut.push(
      `${g.padEnd(8)} n=${String(test.length).padStart(3)}  ${line.map((v) => v.toFixed(3)).join('  ')}`,
    );
  }
  console.log(
    `columns: model alone, lexicon+rules alone, then lexicon+rules+model with (weight, minProbability):\n` +
      grid.map((t, i) => `  h${i}=(${t.weight}, ${t.minProbability})`).join('') +
      '\n',
  );
  for (const l of rowsOut) console.log(l);
  for (const subset of [['batch 2', 'batch 3', 'batch 4'], groups]) {
    const lines = subset.map((g) => sums.get(g) ?? []);
    const mean = (lines[0] ?? []).map((_, i) => lines.reduce((s, l) => s + (l[i] ?? 0), 0) / lines.length);
    console.log(`mean of ${subset.join(', ')}: ${mean.map((v) => v.toFixed(3)).join('  ')}`);
  }
}

const all = [...loadReplies('tune'), ...loadReplies('heldout')];
if (process.argv.includes('--cv')) {
  crossValidate(all);
} else {
  const data = train(all);
  fs.writeFileSync(OUT, `${JSON.stringify(data)}\n`);
  const kb = Math.round(fs.statSync(OUT).size / 1024);
  console.log(
    `trained ${data.version} on ${all.length} replies: ${data.features.length} features, ${kb} KB → ${path.relative(process.cwd(), OUT)}`,
  );
}
