import fs from 'node:fs';
import path from 'node:path';
import { classifyReply, CLASSIFIER_VERSION, REPLY_LABELS } from '../../lib/replies';
import { DEFAULT_MODEL } from '../../lib/replies/classifier';
import { evaluate } from '../../lib/replies/evaluate';
import { compileModel, MAX_MODEL_TOKENS, modelFeatures, modelVote } from '../../lib/replies/model';
import { foldedBody, train } from '../../lib/replies/train';
import { loadReplies } from '../fixtures/replies/load';

// The learned part of the classifier (docs/replies.md, "How it decides"): lib/replies/model.json, trained by
// `npm run replies:train` on every labelled reply.
const all = [...loadReplies('tune'), ...loadReplies('heldout')];

describe('reply model', () => {
  it('is committed, small, and part of the classifier version', () => {
    const file = path.join(__dirname, '../../lib/replies/model.json');
    expect(fs.statSync(file).size).toBeLessThan(300 * 1024);
    expect(DEFAULT_MODEL.weights.size).toBeGreaterThan(1000);
    expect(CLASSIFIER_VERSION.endsWith(`+${DEFAULT_MODEL.version}`)).toBe(true);
  });

  it('decides a reply the lexicon has no phrase for, and the reasons say so', () => {
    const c = classifyReply({ text: 'Honestly we have so many customers right now, we cannot take more.' });
    expect(c.label).toBe('not_interested');
    expect(c.reasons.join(' ')).toMatch(/^model: not_interested \(p 0\.\d\d/);
    expect(c.reasons.join(' ')).not.toMatch(/no signal/);
  });

  it('abstains when it knows too few words: "Thanks" stays a no-signal question', () => {
    const c = classifyReply({ text: 'Thanks' });
    expect(c).toMatchObject({ label: 'question', confidence: 0.2 });
  });

  it('never makes a human reply auto_other on its own (it learned auto_other from flagged replies only)', () => {
    const text = 'Re: leads for your shop';
    expect(modelVote(DEFAULT_MODEL, foldedBody(text), REPLY_LABELS).label).toBe('auto_other');
    expect(classifyReply({ text })).toMatchObject({ label: 'question', confidence: 0.2 });
  });

  it('trains deterministically, and trained without batch 4 it labels batch 4 (never seen) at macro-F1 ≥ 0.78', () => {
    // replies only: the current lexicon's phrases (also training examples by default) were widened after batch 4
    const without = all.filter((r) => r.batch !== 4);
    const a = train(without, []);
    expect(train(without, [])).toEqual(a);
    const model = compileModel(a);
    const batch4 = all.filter((r) => r.batch === 4);
    const e = evaluate(batch4, (r) => modelVote(model, foldedBody(r.text), REPLY_LABELS).label);
    console.log(
      `model alone, trained on the replies without batch 4: batch 4 macro-F1 ${e.macroF1.toFixed(3)} (n=${e.total})`,
    );
    expect(e.macroF1).toBeGreaterThanOrEqual(0.78);
  });

  it('reads a bounded number of words, and outside words are Map keys only', () => {
    const big = ` ${'word '.repeat(200_000)}__proto__ constructor toString `;
    const features = modelFeatures(big); // "word", "word word" and its four letter triples; the tail is never read
    expect(features.length).toBe(6);
    expect(features).not.toContain('__proto__');
    const hostile = modelFeatures(' __proto__ constructor hasownproperty ');
    expect(hostile).toContain('__proto__');
    const vote = modelVote(DEFAULT_MODEL, ' __proto__ constructor ', REPLY_LABELS);
    expect(REPLY_LABELS).toContain(vote.label);
    expect(MAX_MODEL_TOKENS).toBeLessThanOrEqual(1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
