import type { InstantlyClient } from '../../lib/instantly';
import { fullCampaignBody } from './fixtures';
import type { Node } from './probe-values';
import type { Spec } from './spec';

/** A request of an operation we use, valid as sent, that probes start from. */
export interface Target {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  /** Base JSON body (body probes) or base query (query probes). */
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/** The operations we use, each with a valid base request (a campaign and a webhook are created for them). */
export async function targets(client: InstantlyClient, hookUrl: string): Promise<Target[]> {
  const campaign = await client.createCampaign(fullCampaignBody('Probe base'));
  const hook = await client.createWebhook({ target_hook_url: hookUrl, event_type: 'all_events' });
  const id = campaign.id;
  return [
    { method: 'POST', path: '/campaigns', body: fullCampaignBody('Probe') as never },
    { method: 'PATCH', path: `/campaigns/${id}`, body: { name: 'Probe patch' } },
    {
      method: 'POST',
      path: '/leads/add',
      body: { campaign_id: id, leads: [{ email: 'probe@example.com' }] },
    },
    { method: 'POST', path: '/leads/list', body: { campaign: id } },
    { method: 'POST', path: '/webhooks', body: { target_hook_url: hookUrl, event_type: 'all_events' } },
    { method: 'PATCH', path: `/webhooks/${hook.id}`, body: { name: 'Probe hook' } },
    { method: 'GET', path: '/campaigns', query: {} },
    { method: 'GET', path: '/webhooks', query: {} },
    { method: 'GET', path: '/webhook-events', query: {} },
    { method: 'GET', path: '/campaigns/analytics', query: { id } },
    { method: 'GET', path: '/campaigns/analytics/overview', query: { id } },
    { method: 'GET', path: '/campaigns/analytics/daily', query: { campaign_id: id } },
    { method: 'GET', path: '/campaigns/analytics/steps', query: { campaign_id: id } },
    { method: 'GET', path: `/campaigns/${id}/sending-status`, query: {} },
  ];
}

/** (schema, base, where) of one target: the request body schema, or an object made of the query parameters. */
export function probeSchema(
  spec: Spec,
  t: Target,
): { schema: Node; base: Record<string, unknown> } | undefined {
  const op = spec.find(t.method, t.path);
  if (!op) return undefined;
  if (t.body)
    return {
      schema: op.node.requestBody?.content?.['application/json']?.schema ?? {},
      base: t.body,
    };
  const properties: Record<string, Node> = {};
  for (const p of op.node.parameters ?? []) if (p.in === 'query') properties[p.name] = p.schema ?? {};
  return { schema: { type: 'object', properties }, base: t.query ?? {} };
}
