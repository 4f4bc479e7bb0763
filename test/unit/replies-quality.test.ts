import { classifyReply, CLASSIFIER_VERSION, REPLY_LABELS } from '../../lib/replies';
import { evaluate, type LabelledReply } from '../../lib/replies/evaluate';
import { loadReplies } from '../fixtures/replies/load';

// Quality floors on the labelled set (test/fixtures/replies). docs/replies.md says how the held-out batches
// were written and which of them the lexicon author had already read. Since lexicon v5 / the model, batches 1-4
// have been read and trained on: their floors guard against regressions, they do not predict unseen replies.
// Batch 5 was written blind by a second author after v5 and its model were frozen, and scored once on arrival
// (0.935 on its 109 new texts): its floor is the figure that says how the classifier does on replies it was not tuned on.
const predict = (r: LabelledReply) => classifyReply({ text: r.text, subject: r.subject, auto: r.auto }).label;
const tune = loadReplies('tune');
const heldout = loadReplies('heldout');
const BLIND = 5;
const trained = heldout.filter((r) => (r.batch ?? 1) < BLIND);
const blind = heldout.filter((r) => r.batch === BLIND);

describe('reply classifier quality on the labelled set', () => {
  it('has at least 300 replies, at least 100 held out, every label and all six languages in both splits', () => {
    expect(tune.length + heldout.length).toBeGreaterThanOrEqual(300);
    expect(heldout.length).toBeGreaterThanOrEqual(100);
    for (const split of [tune, heldout]) {
      expect(new Set(split.map((r) => r.label))).toEqual(new Set(REPLY_LABELS));
      expect(new Set(split.map((r) => r.lang))).toEqual(new Set(['en', 'es', 'fr', 'de', 'pt', 'nl']));
    }
  });

  it('no held-out text is also in the tune split', () => {
    const tuneTexts = new Set(tune.map((r) => r.text));
    expect(heldout.filter((r) => tuneTexts.has(r.text))).toEqual([]);
  });

  it('held-out macro-F1 stays at or above its floors (batches 1-4 0.97; batch 4, blind until v5, 0.95)', () => {
    const all = evaluate(trained, predict);
    const batch4 = evaluate(
      heldout.filter((r) => r.batch === 4),
      predict,
    );
    console.log(
      `held-out macro-F1 ${all.macroF1.toFixed(3)} (n=${all.total}); batch 4 ${batch4.macroF1.toFixed(3)} (n=${batch4.total})`,
    );
    expect(all.macroF1).toBeGreaterThanOrEqual(0.97);
    expect(batch4.total).toBeGreaterThanOrEqual(50);
    expect(batch4.macroF1).toBeGreaterThanOrEqual(0.95);
    for (const l of all.perLabel) expect(l.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('the blind batch 5 (never tuned or trained on) scores macro-F1 at least 0.90, the goal 0.85 with room', () => {
    const e = evaluate(blind, predict);
    console.log(
      `blind batch ${BLIND}: macro-F1 ${e.macroF1.toFixed(3)}, accuracy ${e.accuracy.toFixed(3)} (n=${e.total})`,
    );
    expect(e.total).toBeGreaterThanOrEqual(100);
    expect(new Set(blind.map((r) => r.label))).toEqual(new Set(REPLY_LABELS));
    expect(e.macroF1).toBeGreaterThanOrEqual(0.9);
    for (const l of e.perLabel) expect(l.recall).toBeGreaterThanOrEqual(0.75);
  });

  it('tune macro-F1 is at least 0.98 (the rules are tuned on this split)', () => {
    expect(evaluate(tune, predict).macroF1).toBeGreaterThanOrEqual(0.98);
  });

  it('is deterministic: every reply gets the same answer twice, with the current version', () => {
    const first = heldout.map((r) => classifyReply({ text: r.text, subject: r.subject, auto: r.auto }));
    const second = heldout.map((r) => classifyReply({ text: r.text, subject: r.subject, auto: r.auto }));
    expect(second).toEqual(first);
    expect(new Set(first.map((c) => c.version))).toEqual(new Set([CLASSIFIER_VERSION]));
    for (const c of first) {
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.reasons.length).toBeGreaterThan(0);
    }
  });
});
