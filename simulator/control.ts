import { z } from 'zod';
import { ApiError, notFound } from './core/errors';
import { parseOr400 } from './core/validation';
import type { ControlContext, ControlHandler } from './context';
import { faultRuleSchema } from './http/faults';
import { Router } from './http/router';
import { storyOptionsSchema } from './story/options';
import { StoryConflictError } from './story/runner';
import { webhookFaultSchema } from './webhooks/faults';

const stormSchema = z.strictObject({
  route: z.string().optional(),
  count: z.number().int().min(1),
  retryAfterSeconds: z.number().min(0).optional(),
  workspace: z.string().optional(),
});
const deliverSchema = z.strictObject({
  payloads: z.array(
    z.looseObject({
      timestamp: z.string(),
      event_type: z.string(),
      workspace: z.string(),
      campaign_id: z.string(),
    }),
  ),
  options: z
    .strictObject({
      shuffle: z.union([z.boolean(), z.number()]).optional(),
      duplicates: z.union([z.boolean(), z.number()]).optional(),
      seed: z.number().optional(),
      concurrency: z.number().int().min(1).optional(),
    })
    .optional(),
});
const blocklistSchema = z.strictObject({ workspace: z.string(), entries: z.array(z.string()) });

function campaignId(ctx: ControlContext): string {
  const id = ctx.params.id ?? '';
  if (!ctx.sim.state.findCampaign(id)) throw notFound('Campaign');
  return id;
}

function conflict<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((e: unknown) => {
    throw e instanceof StoryConflictError ? new ApiError(409, e.message) : e;
  });
}

async function run(ctx: ControlContext): Promise<{ status?: number; body: unknown }> {
  const id = campaignId(ctx);
  const { wait, ...opts } = parseOr400(storyOptionsSchema, ctx.body ?? {}, 'body');
  const running = conflict(() => ctx.sim.stories.run(id, opts));
  if (wait !== false) return { body: await running };
  running.catch(() => undefined);
  return { status: 202, body: { started: true, campaign_id: id } };
}

function addFaults(ctx: ControlContext): { body: unknown } {
  const rules = parseOr400(z.union([faultRuleSchema, z.array(faultRuleSchema)]), ctx.body, 'body');
  const ids = (Array.isArray(rules) ? rules : [rules]).map((r) => ctx.sim.faults.add(r));
  return { body: { ids, faults: ctx.sim.faults.list() } };
}

function maxPerSecond(ctx: ControlContext): { body: unknown } {
  const key = typeof ctx.query.workspace === 'string' ? ctx.query.workspace : '';
  const ws = ctx.sim.state.workspaces().find((w) => w.key === key || w.id === key);
  return {
    body: {
      workspace: key,
      maxObservedPerSecond: ctx.sim.limiter.maxObservedPerSecond(ws?.key ?? key),
      maxObservedPerMinute: ctx.sim.limiter.maxObservedPerMinute(ws?.key ?? key),
    },
  };
}

/** The `/_sim` control API (no auth, not recorded, not rate limited). */
export function createControlRouter(): Router<ControlHandler> {
  const r = new Router<ControlHandler>();
  r.add('GET', '/_sim/state', (ctx) => ({ body: ctx.sim.state.snapshot() }))
    .add('GET', '/_sim/requests', (ctx) => ({ body: [...ctx.sim.requests] }))
    .add('DELETE', '/_sim/requests', (ctx) => ({ body: { cleared: ctx.sim.requests.splice(0).length } }))
    .add('GET', '/_sim/faults', (ctx) => ({ body: ctx.sim.faults.list() }))
    .add('POST', '/_sim/faults', addFaults)
    .add('DELETE', '/_sim/faults', (ctx) => {
      const cleared = ctx.sim.faults.list().length;
      ctx.sim.faults.clear();
      return { body: { cleared } };
    })
    .add('POST', '/_sim/rate-limit-storm', (ctx) => ({
      body: { id: ctx.sim.faults.rateLimitStorm(parseOr400(stormSchema, ctx.body, 'body')) },
    }))
    .add('POST', '/_sim/webhook-faults', (ctx) => ({
      body: ctx.sim.webhookFaults.set(parseOr400(webhookFaultSchema, ctx.body ?? {}, 'body')),
    }))
    .add('GET', '/_sim/max-per-second', maxPerSecond)
    .add('POST', '/_sim/campaigns/:id/run', run)
    .add('POST', '/_sim/campaigns/:id/story', async (ctx) => {
      const id = campaignId(ctx);
      const { wait: _wait, ...opts } = parseOr400(storyOptionsSchema, ctx.body ?? {}, 'body');
      return { body: await conflict(() => ctx.sim.stories.generate(id, opts)) };
    })
    .add('GET', '/_sim/campaigns/:id/ground-truth', (ctx) => ({
      body: ctx.sim.state.groundTruth(campaignId(ctx)),
    }))
    .add('POST', '/_sim/deliver', async (ctx) => {
      const body = parseOr400(deliverSchema, ctx.body, 'body');
      return { body: await ctx.sim.stories.deliver(body.payloads, body.options) };
    })
    .add('POST', '/_sim/blocklist', (ctx) => {
      const body = parseOr400(blocklistSchema, ctx.body, 'body');
      const list = ctx.sim.state.blocklist(body.workspace);
      body.entries.forEach((e) => list.add(e));
      return { body: { workspace: body.workspace, entries: list.list() } };
    })
    .add('POST', '/_sim/reset', (ctx) => {
      ctx.sim.reset();
      return { body: { reset: true } };
    });
  return r;
}
