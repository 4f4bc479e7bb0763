import { seededUuid } from '../core/ids';
import { between, chance, intBetween, type Rng } from '../core/random';
import { leadPayload } from '../state/lead-view';
import type { CampaignRecord, LeadRecord, Step, StoryEventType } from '../types';
import type { ResolvedStoryOptions } from './options';
import { autoReply, humanReply, render } from './replies';

const MINUTE = 60_000;
const UNIT_MS = { minutes: MINUTE, hours: 60 * MINUTE, days: 24 * 60 * MINUTE } as const;
const LAST_STEP_WINDOW = 3 * UNIT_MS.days;

/** One planned event of a lead (simulated time in ms). */
export interface Planned {
  type: StoryEventType;
  atMs: number;
  lead: LeadRecord;
  step: number;
  variant: number;
  emailId: string;
  emailAccount: string;
  subject: string;
  body: string;
  replyText: string | null;
  replySubject: string | null;
}

interface Fate {
  bounced: boolean;
  replyStep: number | null;
  unsubStep: number | null;
  autoReplyStep: number | null;
}

interface LeadCtx {
  campaign: CampaignRecord;
  steps: Step[];
  lead: LeadRecord;
  account: string;
  rates: ResolvedStoryOptions['rates'];
  rng: Rng;
  fate: Fate;
  out: Planned[];
}

/** Time from step k's send to step k+1's (its `delay` in `delay_unit`, default days; at least 10 min). */
function windowMs(steps: Step[], k: number): number {
  const step = steps[k];
  if (!step || k === steps.length - 1) return LAST_STEP_WINDOW;
  return Math.max(10 * MINUTE, step.delay * UNIT_MS[step.delay_unit ?? 'days']);
}

function decideFate(rng: Rng, rates: ResolvedStoryOptions['rates'], steps: number): Fate {
  const bounced = chance(rng, rates.bounce);
  const replyStep = !bounced && chance(rng, rates.reply) ? intBetween(rng, 0, steps - 1) : null;
  const unsubStep =
    !bounced && replyStep === null && chance(rng, rates.unsubscribe) ? intBetween(rng, 0, steps - 1) : null;
  const autoReplyStep = !bounced && chance(rng, rates.autoReply) ? 0 : null;
  return { bounced, replyStep, unsubStep, autoReplyStep };
}

function pickVariant(rng: Rng, step: Step): number {
  const enabled = step.variants.map((v, i) => ({ v, i })).filter(({ v }) => v.v_disabled !== true);
  const pool = enabled.length > 0 ? enabled : step.variants.map((v, i) => ({ v, i }));
  return pool[Math.floor(rng() * pool.length)]?.i ?? 0;
}

function sendEvent(ctx: LeadCtx, k: number, atMs: number): Planned {
  const step = ctx.steps[k] as Step;
  const variant = pickVariant(ctx.rng, step);
  const chosen = step.variants[variant] ?? { subject: '', body: '' };
  const vars = { ...leadPayload(ctx.lead), email: ctx.lead.email };
  const base = {
    lead: ctx.lead,
    step: k,
    variant,
    emailAccount: ctx.account,
    replyText: null,
    replySubject: null,
  };
  const sent: Planned = {
    ...base,
    type: 'email_sent',
    atMs,
    emailId: seededUuid(atMs, ctx.rng),
    subject: render(chosen.subject, vars),
    body: render(chosen.body, vars),
  };
  ctx.out.push(sent);
  return sent;
}

function reply(
  ctx: LeadCtx,
  sent: Planned,
  type: 'reply_received' | 'auto_reply_received',
  atMs: number,
): void {
  const sender = ctx.account.split('@')[0] ?? 'there';
  const text = render(type === 'reply_received' ? humanReply(ctx.rng) : autoReply(ctx.rng), {
    firstName: sender,
    me: ctx.lead.first_name ?? '',
  });
  ctx.out.push({
    ...sent,
    type,
    atMs,
    emailId: seededUuid(atMs, ctx.rng),
    replyText: text,
    replySubject: `Re: ${sent.subject}`,
  });
}

function engagement(ctx: LeadCtx, sent: Planned, k: number, w: number): number | null {
  const { rng, rates, campaign } = ctx;
  const opened = campaign.open_tracking !== false && (chance(rng, rates.open) || ctx.fate.replyStep === k);
  if (!opened) return null;
  const firstOpen = sent.atMs + w * between(rng, 0.02, 0.3);
  ctx.out.push({ ...sent, type: 'email_opened', atMs: firstOpen });
  const extra = chance(rng, 0.35) ? intBetween(rng, 1, 3) : 0;
  for (let i = 0; i < extra; i += 1)
    ctx.out.push({ ...sent, type: 'email_opened', atMs: firstOpen + w * between(rng, 0.01, 0.5) });
  if (campaign.link_tracking !== false && chance(rng, rates.click)) {
    ctx.out.push({ ...sent, type: 'link_clicked', atMs: firstOpen + w * between(rng, 0.005, 0.1) });
  }
  return firstOpen;
}

/** Plans step k; returns false when the lead's sequence stops here. */
function planStep(ctx: LeadCtx, k: number, sendAt: number): boolean {
  const w = windowMs(ctx.steps, k);
  const sent = sendEvent(ctx, k, sendAt);
  if (k === 0 && ctx.fate.bounced) {
    ctx.out.push({ ...sent, type: 'email_bounced', atMs: sendAt + w * between(ctx.rng, 0.001, 0.01) });
    return false;
  }
  const firstOpen = engagement(ctx, sent, k, w) ?? sendAt;
  if (ctx.fate.autoReplyStep === k)
    reply(ctx, sent, 'auto_reply_received', sendAt + w * between(ctx.rng, 0.001, 0.02));
  if (ctx.fate.replyStep === k) {
    reply(ctx, sent, 'reply_received', firstOpen + w * between(ctx.rng, 0.05, 0.5));
    return ctx.campaign.stop_on_reply === false;
  }
  if (ctx.fate.unsubStep === k) {
    ctx.out.push({ ...sent, type: 'lead_unsubscribed', atMs: firstOpen + w * between(ctx.rng, 0.05, 0.5) });
    return false;
  }
  return !(ctx.fate.autoReplyStep === k && ctx.campaign.stop_on_auto_reply === true);
}

/** Plans every event of one lead starting at `baseMs`; events of step k all happen before step k+1 is sent. */
export function planLead(
  campaign: CampaignRecord,
  lead: LeadRecord,
  account: string,
  opts: ResolvedStoryOptions,
  rng: Rng,
  baseMs: number,
): Planned[] {
  const steps = campaign.sequences[0]?.steps ?? [];
  const ctx: LeadCtx = {
    campaign,
    steps,
    lead,
    account,
    rates: opts.rates,
    rng,
    fate: decideFate(rng, opts.rates, steps.length),
    out: [],
  };
  let sendAt = baseMs;
  for (let k = 0; k < steps.length; k += 1) {
    if (!planStep(ctx, k, sendAt)) break;
    sendAt += windowMs(steps, k);
  }
  return ctx.out;
}
