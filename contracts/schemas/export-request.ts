import { z } from 'zod';

/** Body of POST /api/campaigns/:campaignId/export-to-instantly (also stored on the export row). */
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):([0-5][0-9])$/, 'must be HH:MM (24 h)');
const weekday = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
// An empty subject is allowed on follow-ups (Instantly then replies in the same thread); the first email's
// subjects are checked below. Same rule as planSequenceToSteps.
const variant = z.object({ subject: z.string(), body: z.string().min(1) }).strict();
const step = z
  .object({
    subject: z.string(),
    body: z.string().min(1),
    delayDays: z.number().int().min(0).max(365),
    variants: z.array(variant).max(25).optional(),
  })
  .strict();

export const exportRequestSchema = z
  .object({
    campaignName: z.string().trim().min(1).max(200),
    schedule: z
      .object({
        timezone: z.string().min(1),
        from: hhmm,
        to: hhmm,
        days: z.array(weekday).min(1, 'pick at least one day'),
      })
      .strict(),
    sequence: z.array(step).min(1).max(20).optional(),
    template: z.string().min(1).optional(),
    senders: z.array(z.email()).max(500).optional(),
    dailyLimit: z.number().int().min(1).max(100_000).optional(),
    stopOnReply: z.boolean().optional(),
    openTracking: z.boolean().optional(),
    linkTracking: z.boolean().optional(),
    activate: z.boolean().default(false),
    extraVariables: z
      .array(z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a column name'))
      .max(20)
      .optional(),
    variableDefaults: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.sequence === !v.template) {
      ctx.addIssue({
        code: 'custom',
        path: ['sequence'],
        message: 'give exactly one of sequence or template',
      });
    }
    if (v.sequence?.[0] && v.sequence[0].delayDays !== 0) {
      const message = 'the first email has no delay (use the schedule to start later)';
      ctx.addIssue({ code: 'custom', path: ['sequence', 0, 'delayDays'], message });
    }
    const first = v.sequence?.[0];
    if (first && first.subject.trim() === '') {
      const message = 'the first email needs a subject (only follow-ups may leave it empty)';
      ctx.addIssue({ code: 'custom', path: ['sequence', 0, 'subject'], message });
    }
    first?.variants?.forEach((variant, index) => {
      if (variant.subject.trim() !== '') return;
      const message = 'the first email needs a subject (only follow-ups may leave it empty)';
      ctx.addIssue({ code: 'custom', path: ['sequence', 0, 'variants', index, 'subject'], message });
    });
    if (v.schedule.from >= v.schedule.to) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'to'], message: 'must be later than schedule.from' });
    }
  });

export type ExportRequest = z.infer<typeof exportRequestSchema>;
