import { z } from 'zod';
import { BUSINESS_COLUMNS, MAX_COLUMN_NAME } from '../business-columns';
import { scanPlaceholders } from '../placeholders';
import { MAX_TEMPLATE_NAME, TEMPLATES } from '../templates';
import { MAX_TEXT, pgText } from './pg-safe';

/** Bounds of the export request's free text (issue 10: every outside string has a maximum length). */
export const EXPORT_LIMITS = {
  campaignName: 200,
  subject: 1000,
  /** One email body (plain text or HTML). */
  body: MAX_TEXT,
  /** IANA names are at most ~32 characters. */
  timezone: 64,
  template: MAX_TEMPLATE_NAME,
  /** RFC 5321's limit. */
  sender: 254,
  variableName: 100,
  variableDefault: 1000,
  variableDefaults: 50,
  /**
   * All subjects and bodies of a sequence together (≈ 12 maximal bodies; a cold-email sequence is a few KB).
   * Without it 20 emails × 26 variants × 20,000 characters made a 10 MB request whose checks take seconds.
   */
  sequenceText: 250_000,
} as const;

/** Subjects and bodies: bounded, storable, and every `{{` a well-formed placeholder (linear check). */
const templated = (max: number) =>
  pgText(max).superRefine((text, ctx) => {
    const problem = scanPlaceholders(text).problem;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Body of POST /api/campaigns/:campaignId/export-to-instantly (also stored on the export row). */
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):([0-5][0-9])$/, 'must be HH:MM (24 h)');
const weekday = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
// An empty subject is allowed on follow-ups (Instantly then replies in the same thread); the first email's
// subjects are checked below. Same rule as planSequenceToSteps.
// One line, as planSequenceToSteps requires: refused here rather than failing the export a second later.
const subject = templated(EXPORT_LIMITS.subject).refine(
  (text) => !text.includes('\n') && !text.includes('\r'),
  'must be one line of text',
);
const body = templated(EXPORT_LIMITS.body).min(1);
const variant = z.object({ subject, body }).strict();
const step = z
  .object({
    subject,
    body,
    delayDays: z.number().int().min(0).max(365),
    variants: z.array(variant).max(25).optional(),
  })
  .strict();

// Known names only, answered without echoing the input (a 3 MB template must not come back in the answer).
const template = pgText(EXPORT_LIMITS.template)
  .min(1)
  .refine((name) => TEMPLATES.has(name), `unknown template; known: ${[...TEMPLATES.keys()].join(', ')}`);
const extraVariable = z
  .string()
  .max(MAX_COLUMN_NAME)
  .regex(/^[a-z_][a-z0-9_]*$/, 'must be a column name')
  .refine((column) => BUSINESS_COLUMNS.has(column), 'is not a column of the businesses table');
// zod drops a "__proto__" key from records (never copied onto the output); other Object.prototype names
// (`constructor`, `toString`) are ordinary variable names: export-leads looks them up in Maps only.
const variableName = pgText(EXPORT_LIMITS.variableName).regex(
  /^[A-Za-z_][A-Za-z0-9_]*$/,
  'must be a variable name',
);

export const exportRequestSchema = z
  .object({
    campaignName: pgText(EXPORT_LIMITS.campaignName).trim().min(1),
    schedule: z
      .object({
        timezone: pgText(EXPORT_LIMITS.timezone).min(1),
        from: hhmm,
        to: hhmm,
        days: z.array(weekday).min(1, 'pick at least one day'),
      })
      .strict(),
    sequence: z.array(step).min(1).max(20).optional(),
    template: template.optional(),
    // Length first: the e-mail pattern only ever sees a short string.
    senders: z.array(pgText(EXPORT_LIMITS.sender).pipe(z.email())).max(500).optional(),
    dailyLimit: z.number().int().min(1).max(100_000).optional(),
    stopOnReply: z.boolean().optional(),
    openTracking: z.boolean().optional(),
    linkTracking: z.boolean().optional(),
    activate: z.boolean().default(false),
    // Issue 11: start a new export even when an identical request already made one (default: return it).
    force: z.boolean().optional(),
    // Issue 11: also send leads an earlier export of the organization already sent (default: hold them back).
    allowReexport: z.boolean().optional(),
    extraVariables: z.array(extraVariable).max(20).optional(),
    variableDefaults: z
      .record(variableName, pgText(EXPORT_LIMITS.variableDefault))
      .refine((d) => Object.keys(d).length <= EXPORT_LIMITS.variableDefaults, {
        message: `at most ${EXPORT_LIMITS.variableDefaults} defaults`,
      })
      .optional(),
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
    const text = (v.sequence ?? []).reduce(
      (sum, s) =>
        sum +
        s.subject.length +
        s.body.length +
        (s.variants ?? []).reduce((n, x) => n + x.subject.length + x.body.length, 0),
      0,
    );
    if (text > EXPORT_LIMITS.sequenceText) {
      const message = `subjects and bodies together must not exceed ${EXPORT_LIMITS.sequenceText} characters`;
      ctx.addIssue({ code: 'custom', path: ['sequence'], message });
    }
    if (v.schedule.from >= v.schedule.to) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'to'], message: 'must be later than schedule.from' });
    }
  });

export type ExportRequest = z.infer<typeof exportRequestSchema>;
