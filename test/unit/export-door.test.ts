import { INSTANTLY_TIMEZONES } from '../../contracts/instantly-timezones';
import { EXPORT_LIMITS, exportRequestSchema } from '../../contracts/schemas/export-request';
import { MAX_QUOTED_INPUT } from '../../contracts/errors';
import { HttpError } from '../../api/errors';
import { exportRequestOr400 } from '../../api/services/export-request-door';
import { mapTimezone } from '../../lib/instantly/mapping';
import { PREFLIGHT, PREFLIGHT_MAX_ATTEMPTS } from '../../workflows/activity-options';

const base = {
  campaignName: 'Outreach',
  schedule: { timezone: 'America/Chicago', from: '09:00', to: '17:00', days: ['mon'] },
  sequence: [{ subject: 'Hi {{firstName}}', body: 'Hello', delayDays: 0 }],
};
const HOSTILE_BODY = `{{${' '.repeat(9000)}x`;

/** The 400 exportRequestOr400 throws, as `path → message`. */
function refusal(body: unknown): Map<string, string> {
  try {
    exportRequestOr400(body);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    const details = (err as HttpError).details as Array<{ path: string; message: string }>;
    return new Map(details.map((d) => [d.path, d.message]));
  }
  throw new Error('expected a 400');
}

describe('export request: validated at the door (issue 10 items 1 and 5)', () => {
  it("refuses the issue's hostile body (an unclosed {{ followed by 9,000 spaces) quickly", () => {
    const start = performance.now();
    const bad = refusal({ ...base, sequence: [{ subject: 'Hi', body: HOSTILE_BODY, delayDays: 0 }] });
    expect(performance.now() - start).toBeLessThan(500);
    expect([...bad.keys()]).toEqual(['body.sequence.0.body']);
    expect(bad.get('body.sequence.0.body')).toMatch(/not closed/);
  });

  it.each([
    ['campaignName', { campaignName: 'n'.repeat(EXPORT_LIMITS.campaignName + 1) }, 'body.campaignName'],
    [
      'subject',
      { sequence: [{ subject: 's'.repeat(EXPORT_LIMITS.subject + 1), body: 'b', delayDays: 0 }] },
      'body.sequence.0.subject',
    ],
    [
      'body',
      { sequence: [{ subject: 's', body: 'b'.repeat(EXPORT_LIMITS.body + 1), delayDays: 0 }] },
      'body.sequence.0.body',
    ],
    [
      'variant body',
      {
        sequence: [
          {
            subject: 's',
            body: 'b',
            delayDays: 0,
            variants: [{ subject: 's', body: 'b'.repeat(EXPORT_LIMITS.body + 1) }],
          },
        ],
      },
      'body.sequence.0.variants.0.body',
    ],
    [
      'timezone',
      { schedule: { ...base.schedule, timezone: 'T'.repeat(EXPORT_LIMITS.timezone + 1) } },
      'body.schedule.timezone',
    ],
    ['template', { sequence: undefined, template: 't'.repeat(EXPORT_LIMITS.template + 1) }, 'body.template'],
    ['sender', { senders: [`${'a'.repeat(EXPORT_LIMITS.sender)}@x.example.com`] }, 'body.senders.0'],
    [
      'variable name',
      { variableDefaults: { ['v'.repeat(EXPORT_LIMITS.variableName + 1)]: 'x' } },
      'body.variableDefaults',
    ],
    [
      'variable default',
      { variableDefaults: { icebreaker: 'x'.repeat(EXPORT_LIMITS.variableDefault + 1) } },
      'body.variableDefaults.icebreaker',
    ],
    ['extra variable', { extraVariables: ['c'.repeat(64)] }, 'body.extraVariables.0'],
    [
      'NUL in a body',
      { sequence: [{ subject: 's', body: 'a\u0000b', delayDays: 0 }] },
      'body.sequence.0.body',
    ],
  ])('bounds the %s', (_what, over, path) => {
    const bad = refusal({ ...base, ...over });
    expect([...bad.keys()].some((p) => p.startsWith(path))).toBe(true);
  });

  it('accepts every string at its maximum length', () => {
    const max = (n: number, c = 'a') => c.repeat(n);
    const parsed = exportRequestSchema.safeParse({
      ...base,
      campaignName: max(EXPORT_LIMITS.campaignName),
      sequence: [{ subject: max(EXPORT_LIMITS.subject), body: max(EXPORT_LIMITS.body), delayDays: 0 }],
      senders: [`${max(EXPORT_LIMITS.sender - 14)}@x.example.com`],
      variableDefaults: { [max(EXPORT_LIMITS.variableName, 'v')]: max(EXPORT_LIMITS.variableDefault) },
    });
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('refuses an unknown timezone naming body.schedule.timezone with the nearest Instantly zones', () => {
    const bad = refusal({ ...base, schedule: { ...base.schedule, timezone: 'Mars/Olympus' } });
    const message = bad.get('body.schedule.timezone')!;
    expect(message).toMatch(/not an IANA timezone name; nearest Instantly timezones: /);
    const suggested = message.slice(message.indexOf('timezones: ') + 'timezones: '.length).split(', ');
    expect(suggested).toHaveLength(3);
    for (const zone of suggested) expect(INSTANTLY_TIMEZONES).toContain(zone);
    // A real zone Instantly lacks (no documented substitute) gets the zones of the closest offset today.
    const thimphu = refusal({ ...base, schedule: { ...base.schedule, timezone: 'Asia/Thimphu' } });
    expect(thimphu.get('body.schedule.timezone')).toMatch(/nearest Instantly timezones: Asia\/Dhaka, /);
  });

  it('names every bad field at once, the timezone included', () => {
    const bad = refusal({
      ...base,
      campaignName: '',
      schedule: { ...base.schedule, timezone: 'Mars/Olympus' },
    });
    expect([...bad.keys()].sort()).toEqual(['body.campaignName', 'body.schedule.timezone']);
  });

  it('refuses a subject with a line break (Instantly needs one line) before anything starts', () => {
    const bad = refusal({ ...base, sequence: [{ subject: 'Hi\r\nthere', body: 'b', delayDays: 0 }] });
    expect(bad.get('body.sequence.0.subject')).toBe('must be one line of text');
  });

  it('refuses an unknown template and extraVariables that are not columns, naming the entry', () => {
    const template = refusal({ ...base, sequence: undefined, template: 'no-such-template' });
    expect(template.get('body.template')).toBe('unknown template; known: local-intro, single-touch');
    const extra = refusal({ ...base, extraVariables: ['state', 'no_such_column'] });
    expect([...extra.keys()]).toEqual(['body.extraVariables.1']);
  });

  it('says which zone a 202 will use when it substitutes one', () => {
    const { timezone } = exportRequestOr400({
      ...base,
      schedule: { ...base.schedule, timezone: 'America/New_York' },
    });
    expect(timezone).toEqual({
      requested: 'America/New_York',
      used: 'America/Detroit',
      substituted: true,
      note: expect.stringContaining('America/Detroit'),
    });
    expect(exportRequestOr400(base).timezone).toMatchObject({ used: 'America/Chicago', substituted: false });
  });

  it('never echoes a long input in a failure message (a 3 MB template, a long timezone)', () => {
    const huge = 'T'.repeat(3_000_000);
    for (const over of [
      { sequence: undefined, template: huge },
      { schedule: { ...base.schedule, timezone: huge } },
    ]) {
      const messages = [...refusal({ ...base, ...over }).values()].join(' ');
      expect(messages.length).toBeLessThan(300);
      expect(messages).not.toContain('T'.repeat(MAX_QUOTED_INPUT + 1));
    }
    // The mapping (used by pre-flight, whose messages reach Temporal history) quotes at most a short prefix.
    expect(() => mapTimezone(`Mars/${huge}`)).toThrow(
      /^"Mars\/T{35}"… \(3000005 characters\) is not an IANA/,
    );
  });
});

describe('pre-flight does not retry a deterministic failure for ever (issue 10 item 1)', () => {
  it('bounds its attempts and keeps typed refusals non-retryable', () => {
    expect(PREFLIGHT.retry?.maximumAttempts).toBe(PREFLIGHT_MAX_ATTEMPTS);
    expect(PREFLIGHT_MAX_ATTEMPTS).toBeGreaterThan(1);
    expect(PREFLIGHT_MAX_ATTEMPTS).toBeLessThanOrEqual(10);
    expect(PREFLIGHT.retry?.nonRetryableErrorTypes).toEqual(
      expect.arrayContaining(['InvalidExportRequest', 'NoEligibleLeads', 'ExportNotFound']),
    );
  });
});
