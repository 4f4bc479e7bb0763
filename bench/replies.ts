// Reply classification benchmark (run on demand: `npx tsx bench/replies.ts`;
// results → docs/benchmarks.md). Prints per-label precision/recall and macro-F1 on the tune and held-out splits
// of test/fixtures/replies, then throughput on one core (single thread, the whole set classified repeatedly).
// Flags: --mistakes prints the tune split's misclassified replies (never the held-out's: it is not tuned on).
// Knob: BENCH_REPLIES_SECONDS (3) — how long the throughput loop runs.
import os from 'node:os';
import { classifyReply } from '../lib/replies';
import { evaluate, type Evaluation, type LabelledReply } from '../lib/replies/evaluate';
import { loadReplies } from '../test/fixtures/replies/load';

const seconds = Number(process.env.BENCH_REPLIES_SECONDS ?? 3);
const predict = (r: LabelledReply) => classifyReply({ text: r.text, subject: r.subject, auto: r.auto }).label;
const pct = (x: number) => (x * 100).toFixed(1);

function print(name: string, e: Evaluation): void {
  console.log(
    `\n${name}: ${e.total} replies, accuracy ${pct(e.accuracy)} %, macro-F1 ${e.macroF1.toFixed(3)}`,
  );
  console.log('label            support  precision  recall   F1');
  for (const l of e.perLabel) {
    console.log(
      `${l.label.padEnd(16)} ${String(l.support).padStart(7)}  ${pct(l.precision).padStart(9)}  ${pct(l.recall).padStart(6)}  ${l.f1.toFixed(3)}`,
    );
  }
}

const tune = loadReplies('tune');
const heldout = loadReplies('heldout');
const tuneEval = evaluate(tune, predict);
print('tune', tuneEval);
print('held-out', evaluate(heldout, predict));
// batches of the held-out split were written at different times (docs/replies.md says when); each is shown too
const batches = [...new Set(heldout.map((r) => r.batch ?? 1))].sort();
if (batches.length > 1) {
  for (const b of batches)
    print(
      `held-out batch ${b}`,
      evaluate(
        heldout.filter((r) => (r.batch ?? 1) === b),
        predict,
      ),
    );
}
if (process.argv.includes('--mistakes')) {
  for (const [want, got, text] of tuneEval.mistakes)
    console.log(`  want ${want}, got ${got}: ${JSON.stringify(text)}`);
}

const all = [...tune, ...heldout];
for (const r of all) predict(r); // warm-up
let n = 0;
const cpu0 = process.cpuUsage();
const start = process.hrtime.bigint();
const deadline = start + BigInt(Math.round(seconds * 1e9));
while (process.hrtime.bigint() < deadline) {
  for (const r of all) predict(r);
  n += all.length;
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpu0);
// CPU seconds, not wall seconds: on a shared machine the wall clock also counts time other processes had the core
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const avgChars = Math.round(all.reduce((s, r) => s + r.text.length, 0) / all.length);
console.log(
  `\nthroughput: ${Math.round(n / cpuSeconds)} replies per CPU-second on one thread ` +
    `(${Math.round(n / elapsed)}/s wall clock; ${n} classified, mean ${avgChars} chars, ` +
    `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`,
);
