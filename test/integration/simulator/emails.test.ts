import { startSimulator, type Simulator } from '../../../simulator';
import { activeCampaign, api, expectEnvelope } from './helpers';

let sim: Simulator;
const KEY = 'emails-key';
const client = () => api(sim, KEY);

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

// GET /emails answers from the played story: every reply (ue_type 2, is_auto_reply 0/1) with the text and subject
// its webhook carried, and every send (ue_type 1), in the document's Email shape.
describe('GET /emails', () => {
  it('lists the played replies with the ground truth text and subject, filtered, sorted and paged', async () => {
    const id = await activeCampaign(sim, KEY, 40);
    const payloads = await sim.generateStory(id, { seed: 5, replyRate: 0.5 });
    const replies = payloads.filter(
      (p) => p.event_type === 'reply_received' || p.event_type === 'auto_reply_received',
    );
    expect(replies.length).toBeGreaterThan(3);

    const all: Array<Record<string, any>> = [];
    let after: string | undefined;
    for (;;) {
      const q: Record<string, string> = {
        campaign_id: id,
        email_type: 'received',
        sort_order: 'asc',
        limit: '3',
      };
      if (after) q.starting_after = after;
      const page = await client().get('/emails', q);
      expect(page.status).toBe(200);
      if (page.body.items.length === 0) break;
      all.push(...page.body.items);
      after = page.body.next_starting_after;
    }
    // One e-mail per reply webhook, oldest first, the same text, subject, lead and auto-reply flag.
    expect(
      all.map((m) => [m.lead, m.body.text, m.subject, m.is_auto_reply, m.timestamp_email, m.ue_type]),
    ).toEqual(
      replies.map((p) => [
        p.lead_email,
        p.reply_text,
        p.reply_subject,
        p.event_type === 'auto_reply_received' ? 1 : 0,
        p.timestamp,
        2,
      ]),
    );
    // Newest first by default; `lead` narrows to one lead; sends are ue_type 1.
    const desc = await client().get('/emails', { campaign_id: id, email_type: 'received', limit: '100' });
    expect(desc.body.items.map((m: { id: string }) => m.id)).toEqual(all.map((m) => m.id).reverse());
    const lead = replies[0]!.lead_email as string;
    const ofLead = await client().get('/emails', { lead, limit: '100' });
    expect(ofLead.body.items.length).toBeGreaterThan(1);
    expect(ofLead.body.items.every((m: { lead: string }) => m.lead === lead)).toBe(true);
    const sent = await client().get('/emails', { campaign_id: id, email_type: 'sent', limit: '100' });
    expect(sent.body.items.every((m: { ue_type: number }) => m.ue_type === 1)).toBe(true);
    const one = await client().get(`/emails/${all[0]!.id}`);
    expect(one.body).toEqual(all[0]);
  });

  it('answers 400 to a query the document does not allow', async () => {
    expectEnvelope(await client().get('/emails', { limit: '101' }), 400);
    expectEnvelope(await client().get('/emails', { campaign_id: 'nope' }), 400);
    expectEnvelope(await client().get('/emails', { bogus: '1' }), 400);
  });
});
