// Trains the reply classifier's model (lib/replies/model.ts) on every labelled reply of test/fixtures/replies and
// writes lib/replies/model.json (`npm run replies:train`). Deterministic: no randomness, a fixed number of passes,
// the same fixtures always give the same file.
// --cv: instead of writing, leave-one-batch-out cross-validation (train without one batch, score it), the model
// alone and the whole classifier (lexicon + rules + model) with the chosen tuning and a small grid around it.
import fs from 'node:fs';
import path from 'node:path';
import { classifyReply } from '../lib/replies/classifier';
import { MODEL_TUNING, type ModelTuning } from '../lib/replies/decide';
import { evaluate, type LabelledReply } from '../lib/replies/evaluate';
import { compileModel, modelVote, type ReplyModel } from '../lib/replies/model';
import { foldedBody, train } from '../lib/replies/train';
import { REPLY_LABELS } from '../lib/replies/types';
import { loadReplies } from '../test/fixtures/replies/load';

const OUT = path.join(__dirname, '..', 'lib', 'replies', 'model.json');

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
    const alone = evaluate(test, (r) => modelVote(model, foldedBody(r.text), REPLY_LABELS).label);
    const repliesOnly = compileModel(
      train(
        all.filter((r) => groupOf(r) !== g),
        [],
      ),
    );
    const aloneRepliesOnly = evaluate(
      test,
      (r) => modelVote(repliesOnly, foldedBody(r.text), REPLY_LABELS).label,
    );
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
    const line = [aloneRepliesOnly.macroF1, alone.macroF1, lexiconOnly.macroF1, ...hybrid];
    sums.set(g, line);
    rowsOut.push(
      `${g.padEnd(8)} n=${String(test.length).padStart(3)}  ${line.map((v) => v.toFixed(3)).join('  ')}`,
    );
  }
  console.log(
    `columns: model alone trained on replies only, model alone (replies + lexicon phrases), lexicon+rules alone, then lexicon+rules+model with (weight, minProbability):\n` +
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
