/**
 * Built-in sequences for `template: "<name>"`. They use the variables every exported lead carries
 * ({{companyName}}, {{icebreaker}}, {{subject_line}}, {{business_category}}, {{business_location}}).
 */
export interface TemplateStep {
  subject: string;
  body: string;
  delayDays: number;
  variants?: { subject: string; body: string }[];
}

const BUILT_IN: Record<string, TemplateStep[]> = {
  'local-intro': [
    {
      subject: '{{subject_line}}',
      body: '{{icebreaker}}\n\nWe help {{business_category}} businesses in {{business_location}} win more customers.\nWorth a quick chat this week?',
      delayDays: 0,
      variants: [
        {
          subject: 'Quick question for {{companyName}}',
          body: '{{icebreaker}}\n\nOpen to a 10-minute call?',
        },
      ],
    },
    { subject: 'Re: {{subject_line}}', body: 'Just bumping this up, in case it got buried.', delayDays: 3 },
    {
      subject: 'Closing the loop',
      body: 'Should I reach out to someone else at {{companyName}}?',
      delayDays: 4,
    },
  ],
  'single-touch': [{ subject: '{{subject_line}}', body: '{{icebreaker}}', delayDays: 0 }],
};

/** The built-in templates by name. A Map: `template` is an outside string (`constructor` is no template). */
export const TEMPLATES: ReadonlyMap<string, readonly TemplateStep[]> = new Map(Object.entries(BUILT_IN));

/** Longest template name we accept (the built-in names are short). */
export const MAX_TEMPLATE_NAME = 100;
