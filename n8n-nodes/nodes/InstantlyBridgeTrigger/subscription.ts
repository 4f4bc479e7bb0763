import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { splitList } from '../shared/events';
import { apiRequest, apiRequestFull, seg } from '../shared/transport';

/*
 * Node static data: { subscriptions: { [targetUrl]: { id, secret? } } }. Keyed by URL because the editor's
 * test webhook (/webhook-test/…) and the production webhook (/webhook/…) are two subscriptions of the same
 * node that share one static-data object; webhook() accepts a signature made with either secret.
 */
export interface StoredSubscription extends IDataObject {
	id: string;
	secret?: string;
}

interface RemoteSubscription {
	id: string;
	targetUrl: string;
	eventTypes?: string[];
	campaignIds?: string[];
	secret?: string;
}

export function storedSubscriptions(staticData: IDataObject): Record<string, StoredSubscription> {
	if (staticData.subscriptions === null || typeof staticData.subscriptions !== 'object')
		staticData.subscriptions = {};
	return staticData.subscriptions as Record<string, StoredSubscription>;
}

/**
 * The secrets of every subscription this node holds (production and test). Read-only: a delivery that arrives
 * while the workflow is still being activated sees static data without our subscription, and writing an empty
 * one here would be saved by n8n after that request and wipe the secret activation is about to store.
 */
export function storedSecrets(staticData: IDataObject): string[] {
	const subscriptions = staticData.subscriptions;
	if (subscriptions === null || typeof subscriptions !== 'object') return [];
	return Object.values(subscriptions as Record<string, StoredSubscription>)
		.map((entry) => entry.secret)
		.filter((secret): secret is string => typeof secret === 'string' && secret !== '');
}

function desiredFilters(ctx: IHookFunctions): { eventTypes: string[]; campaignIds: string[] } {
	return {
		eventTypes: splitList(ctx.getNodeParameter('eventTypes', [])),
		campaignIds: splitList(ctx.getNodeParameter('campaignIds', '')),
	};
}

const sameSet = (a: string[] = [], b: string[] = []): boolean =>
	a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function targetUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for this trigger');
	return url;
}

async function findByUrl(ctx: IHookFunctions, url: string): Promise<RemoteSubscription[]> {
	const res = await apiRequest<{ items?: RemoteSubscription[] }>(ctx, {
		method: 'GET',
		path: '/api/subscriptions',
		qs: { targetUrl: url },
	});
	return (res.items ?? []).filter((item) => item.targetUrl === url);
}

/**
 * true only when the service really holds our subscription for this URL with the current filters AND we hold
 * its secret. Otherwise false, after adopting an existing subscription's id, so create() (an upsert on the
 * URL) updates it instead of registering a second one.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const url = targetUrl(this);
	const subs = storedSubscriptions(this.getWorkflowStaticData('node'));
	const stored = subs[url];
	if (stored?.id) {
		const res = await apiRequestFull<RemoteSubscription>(
			this,
			{ method: 'GET', path: `/api/subscriptions/${seg(stored.id)}` },
			[404],
		);
		if (res.statusCode !== 404 && res.body.targetUrl === url) {
			const want = desiredFilters(this);
			return (
				Boolean(stored.secret) &&
				sameSet(res.body.eventTypes, want.eventTypes) &&
				sameSet(res.body.campaignIds, want.campaignIds)
			);
		}
		delete subs[url];
	}
	const existing = (await findByUrl(this, url))[0];
	if (existing) subs[url] = { id: existing.id };
	return false;
}

/** POST /api/subscriptions (upsert on targetUrl) and keep the returned id and signing secret. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const url = targetUrl(this);
	const created = await apiRequest<RemoteSubscription>(this, {
		method: 'POST',
		path: '/api/subscriptions',
		body: { targetUrl: url, ...desiredFilters(this) },
	});
	if (!created.id || !created.secret) {
		throw new NodeOperationError(
			this.getNode(),
			'The service did not return a subscription id and signing secret',
		);
	}
	storedSubscriptions(this.getWorkflowStaticData('node'))[url] = { id: created.id, secret: created.secret };
	return true;
}

/** DELETE our subscription (and any other registered for this URL); already gone (404) is fine. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const url = targetUrl(this);
	const subs = storedSubscriptions(this.getWorkflowStaticData('node'));
	const ids = new Set<string>();
	if (subs[url]?.id) ids.add(subs[url].id);
	for (const item of await findByUrl(this, url)) ids.add(item.id);
	for (const id of ids) {
		await apiRequestFull(this, { method: 'DELETE', path: `/api/subscriptions/${seg(id)}` }, [404]);
	}
	delete subs[url];
	return true;
}
