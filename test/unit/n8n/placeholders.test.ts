import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { route } from '../../../n8n-nodes/nodes/InstantlyBridge/router';
import { BASE_URL, fakeContext } from './fakes';

/*
 * Golden test: Instantly's {{variables}} in subjects and bodies reach the service byte-for-byte. The fake
 * context behaves like n8n for "="-prefixed values (it evaluates them and {{…}} parts vanish), so this fails
 * if the node ever reads the templates through the expression engine instead of raw.
 */
const SUBJECT_1 = 'Quick question about {{companyName}} 👋';
const BODY_1 =
  'Hi {{firstName}},\n\n{{icebreaker}}\n\n{{RANDOM | Cheers | Best}},\n{{sendingAccountFirstName}}  ';
const BODY_2 =
  '<p>Following up, {{ firstName }} — any thoughts on {{subject_line}}?</p>\n<p>{{unsubscribe}}</p>';
const VARIANT_SUBJECT = '{{firstName}}, <idea> for {{city}} & co';

const params = {
  resource: 'export',
  operation: 'start',
  campaignId: 'cmp_1',
  campaignName: 'Austin plumbers — {{not evaluated either}}',
  timezone: 'America/Chicago',
  scheduleFrom: '08:30',
  scheduleTo: '17:00',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  sequence: {
    steps: [
      {
        subject: SUBJECT_1,
        body: BODY_1,
        delayDays: 0,
        // Saved by an editor in expression mode: the "=" is n8n's marker, not text.
        variants: { variant: [{ subject: `=${VARIANT_SUBJECT}`, body: `=${BODY_1}` }] },
      },
      { subject: '', body: BODY_2, delayDays: 3 },
    ],
  },
  senders: 'anna@out.example.com, ben@out.example.com',
  activate: false,
  sendingOptions: { dailyLimit: 40, stopOnReply: true, openTracking: false },
  waitForCompletion: false,
};

describe('Export → Start keeps Instantly placeholders byte-for-byte', () => {
  it('sends exactly the golden request body', async () => {
    const f = fakeContext({
      params,
      respond: () => ({ statusCode: 202, body: { exportId: 'exp_1', workflowId: 'export/exp_1' } }),
    });
    const [out] = await route(f.exec);
    expect(f.requests).toHaveLength(1);
    expect(f.requests[0]!.url).toBe(`${BASE_URL}/api/campaigns/cmp_1/export-to-instantly`);
    // Compared as compact JSON text: every string (and key order) byte-exact, whatever the file's layout.
    const golden: unknown = JSON.parse(
      readFileSync(join(__dirname, 'golden', 'export-start-body.json'), 'utf8'),
    );
    expect(JSON.stringify(f.requests[0]!.body)).toBe(JSON.stringify(golden));
    expect(out).toEqual([
      { json: { exportId: 'exp_1', workflowId: 'export/exp_1' }, pairedItem: { item: 0 } },
    ]);
  });

  it('never wraps or escapes subjects', async () => {
    const f = fakeContext({ params, respond: () => ({ statusCode: 202, body: { exportId: 'exp_1' } }) });
    await route(f.exec);
    const sequence = (
      f.requests[0]!.body as {
        sequence: Array<{
          subject: string;
          body: string;
          variants?: Array<{ subject: string; body: string }>;
        }>;
      }
    ).sequence;
    expect(sequence[0]!.subject).toBe(SUBJECT_1);
    expect(sequence[0]!.body).toBe(BODY_1);
    expect(sequence[0]!.variants).toEqual([{ subject: VARIANT_SUBJECT, body: BODY_1 }]);
    expect(sequence[1]).toEqual({ subject: '', body: BODY_2, delayDays: 3 });
  });

  it('evaluates a delay written as an expression, but never the templates next to it', async () => {
    const steps = [
      { subject: '={{firstName}}', body: 'Hi {{firstName}}', delayDays: 0 },
      { subject: '', body: '={{x}}', delayDays: '={{ 4 }}' },
    ];
    const f = fakeContext({
      params: { ...params, sequence: { steps } },
      respond: () => ({ statusCode: 202, body: { exportId: 'exp_2' } }),
    });
    await route(f.exec);
    expect((f.requests[0]!.body as { sequence: unknown }).sequence).toEqual([
      { subject: '{{firstName}}', body: 'Hi {{firstName}}', delayDays: 0 },
      { subject: '', body: '{{x}}', delayDays: 4 },
    ]);
  });
});
