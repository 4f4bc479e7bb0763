import { batchFigures, batchSummary, classifyBatch, toBatchResult } from '../../activities/export-outcomes';
import type { AddLeadsResult } from '../../lib/instantly';

const sent = (n: number) => Array.from({ length: n }, (_, i) => ({ businessId: `b${i}` }));
const answer = (over: Partial<AddLeadsResult>): AddLeadsResult => ({
  status: 'success',
  total_sent: 0,
  leads_uploaded: 0,
  created_leads: [],
  ...over,
});

describe('classifyBatch: the per-lead outcome of one bulk add', () => {
  it('marks the leads created_leads names (by index) uploaded, with their Instantly ids', () => {
    const r = answer({
      total_sent: 3,
      leads_uploaded: 3,
      created_leads: [
        { index: 2, id: 'L2' },
        { index: 0, id: 'L0' },
        { index: 1, id: 'L1' },
      ],
    });
    expect(classifyBatch(sent(3), r)).toEqual([
      { businessId: 'b0', outcome: 'uploaded', reason: null, instantlyLeadId: 'L0' },
      { businessId: 'b1', outcome: 'uploaded', reason: null, instantlyLeadId: 'L1' },
      { businessId: 'b2', outcome: 'uploaded', reason: null, instantlyLeadId: 'L2' },
    ]);
  });

  it.each([
    ['duplicate', { duplicated_leads: 1 }],
    ['duplicate', { duplicate_email_count: 1 }],
    ['invalid', { invalid_email_count: 1 }],
    ['invalid', { incomplete_count: 1 }],
    ['blocklisted', { in_blocklist: 1 }],
    ['skipped', { skipped_count: 1 }],
  ] as const)(
    'attributes the uncreated leads to the one non-zero counter (%s from %p)',
    (outcome, counter) => {
      const r = answer({
        total_sent: 2,
        leads_uploaded: 1,
        created_leads: [{ index: 1, id: 'L1' }],
        ...counter,
      });
      expect(classifyBatch(sent(2), r)).toEqual([
        { businessId: 'b0', outcome, reason: `instantly: ${outcome}`, instantlyLeadId: null },
        { businessId: 'b1', outcome: 'uploaded', reason: null, instantlyLeadId: 'L1' },
      ]);
    },
  );

  it('marks them skipped, naming every counter, when several are non-zero (Instantly does not say which was which)', () => {
    const r = answer({ total_sent: 3, duplicated_leads: 1, in_blocklist: 2 });
    const out = classifyBatch(sent(3), r);
    expect(new Set(out.map((o) => o.outcome))).toEqual(new Set(['skipped']));
    expect(out[0]!.reason).toBe('instantly did not create it (duplicate 1, blocklisted 2)');
  });

  it('marks them skipped when no counter explains them', () => {
    expect(classifyBatch(sent(1), answer({ total_sent: 1 }))).toEqual([
      {
        businessId: 'b0',
        outcome: 'skipped',
        reason: 'instantly did not create it ()',
        instantlyLeadId: null,
      },
    ]);
  });

  it('classifies nothing when nothing was sent', () => {
    expect(classifyBatch(sent(2), null)).toEqual([]);
  });
});

describe('batchFigures / batchSummary', () => {
  const uploaded = (id: string) => ({
    businessId: id,
    outcome: 'uploaded' as const,
    reason: null,
    instantlyLeadId: `L-${id}`,
  });

  it("takes Instantly's counters and counts leads found in the campaign (not sent again) as uploaded", () => {
    const r = answer({ total_sent: 3, leads_uploaded: 1, duplicated_leads: 1, invalid_email_count: 1 });
    const outcomes = ['a', 'b', 'c', 'd', 'e'].map(uploaded); // 3 sent + 2 found on retry
    expect(batchFigures(7, outcomes, r)).toEqual({
      batchNo: 7,
      leadsSent: 5,
      uploaded: 3,
      duplicate: 1,
      invalid: 1,
      blocklisted: 0,
      skipped: 0,
    });
    expect(toBatchResult(batchFigures(7, outcomes, r))).toMatchObject({ batchNo: 7, sent: 5, uploaded: 3 });
  });

  it('counts a batch recorded only from reconciliation (nothing sent) as all uploaded', () => {
    expect(batchFigures(1, ['a', 'b'].map(uploaded), null)).toMatchObject({ leadsSent: 2, uploaded: 2 });
  });

  it('keeps no lead data in the stored summary: created_leads becomes a count', () => {
    const r = answer({
      total_sent: 1,
      leads_uploaded: 1,
      created_leads: [{ index: 0, id: 'L0', email: 'person@example.com', first_name: 'Ann' }],
    });
    const s = batchSummary(r, 0);
    expect(s).toEqual({ status: 'success', total_sent: 1, leads_uploaded: 1, created: 1, reconciled: 0 });
    expect(JSON.stringify(s)).not.toMatch(/example\.com|Ann/);
    expect(batchSummary(null, 4)).toEqual({ reconciled: 4 });
  });
});
