import { exportRequestSchema } from '../../contracts/schemas/export-request';

const base = {
  campaignName: 'Outreach',
  schedule: { timezone: 'America/Chicago', from: '09:00', to: '17:00', days: ['mon'] },
};
const issues = (sequence: unknown) => {
  const r = exportRequestSchema.safeParse({ ...base, sequence });
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('exportRequestSchema: subjects', () => {
  it('accepts an empty subject on follow-ups (Instantly replies in the same thread)', () => {
    expect(
      issues([
        { subject: 'Hi {{firstName}}', body: 'One', delayDays: 0 },
        { subject: '', body: 'Two', delayDays: 3, variants: [{ subject: '', body: 'Two B' }] },
      ]),
    ).toEqual([]);
  });

  it('requires a subject on every variant of the first email', () => {
    expect(issues([{ subject: ' ', body: 'One', delayDays: 0 }])).toEqual(['sequence.0.subject']);
    expect(
      issues([{ subject: 'Hi', body: 'One', delayDays: 0, variants: [{ subject: '', body: 'B' }] }]),
    ).toEqual(['sequence.0.variants.0.subject']);
  });

  it('still requires a body everywhere', () => {
    expect(issues([{ subject: 'Hi', body: '', delayDays: 0 }])).toEqual(['sequence.0.body']);
  });
});
