import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';
import { apiRequest, seg } from '../../shared/transport';
import type { Business, FieldMap } from '../businesses';
import { chunk, mapBusiness } from '../businesses';
import { requiredString } from './params';

interface Collected {
	businesses: Business[];
	paired: IPairedItemData[];
	rejected: INodeExecutionData[];
}

/** Maps every input item; a bad item fails the node, or with Continue On Fail becomes its own error item. */
function collect(ctx: IExecuteFunctions, items: INodeExecutionData[], fieldMap: FieldMap): Collected {
	const out: Collected = { businesses: [], paired: [], rejected: [] };
	items.forEach((item, itemIndex) => {
		const mapped = mapBusiness(item.json, fieldMap);
		if (mapped.ok) {
			out.businesses.push(mapped.business);
			out.paired.push({ item: itemIndex });
		} else if (ctx.continueOnFail()) {
			out.rejected.push({ json: { error: mapped.error }, pairedItem: { item: itemIndex } });
		} else {
			throw new NodeOperationError(ctx.getNode(), mapped.error, { itemIndex });
		}
	});
	return out;
}

/**
 * Campaign → Import Businesses. ALL input items of the execution go to the service in ONE request (more only
 * when above the service's 5,000-per-request limit), never one call per item. Returns one summary item paired
 * with every imported input item.
 */
export async function importBusinesses(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const target = ctx.getNodeParameter('target', 0, 'new') as 'new' | 'existing';
	const fieldMap = ctx.getNodeParameter('fieldMap', 0, {}) as FieldMap;
	const { businesses, paired, rejected } = collect(ctx, items, fieldMap);
	if (businesses.length === 0) return rejected;
	const chunks = chunk(businesses);
	const summary: IDataObject = {
		campaignId: null,
		created: target === 'new',
		businessCount: businesses.length,
		added: 0,
		requests: 0,
	};
	try {
		let campaignId: string;
		let rest = chunks;
		if (target === 'new') {
			const name = requiredString(ctx, 'campaignName', 0);
			const created = await apiRequest<{ id: string; businessCount?: number }>(ctx, {
				method: 'POST',
				path: '/api/campaigns',
				body: { name, businesses: chunks[0] ?? [] },
				itemIndex: 0,
			});
			campaignId = String(created.id);
			summary.campaignId = campaignId;
			summary.added = created.businessCount ?? (chunks[0] ?? []).length;
			summary.requests = 1;
			rest = chunks.slice(1);
		} else {
			campaignId = requiredString(ctx, 'existingCampaignId', 0);
			summary.campaignId = campaignId;
		}
		for (const part of rest) {
			const res = await apiRequest<{ added?: number }>(ctx, {
				method: 'POST',
				path: `/api/campaigns/${seg(campaignId)}/businesses`,
				body: { businesses: part },
				itemIndex: 0,
			});
			summary.added = (summary.added as number) + (res.added ?? part.length);
			summary.requests = (summary.requests as number) + 1;
		}
	} catch (error) {
		if (!ctx.continueOnFail()) throw toNodeError(ctx.getNode(), error);
		return [...rejected, { json: { ...summary, error: (error as Error).message }, pairedItem: paired }];
	}
	return [...rejected, { json: summary, pairedItem: paired }];
}

export async function getAnalytics(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const campaignId = requiredString(ctx, 'campaignId', i);
	return await apiRequest<IDataObject>(ctx, {
		method: 'GET',
		path: `/api/campaigns/${seg(campaignId)}/analytics`,
		itemIndex: i,
	});
}

export async function syncNow(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const campaignId = requiredString(ctx, 'campaignId', i);
	return await apiRequest<IDataObject>(ctx, {
		method: 'POST',
		path: `/api/campaigns/${seg(campaignId)}/sync`,
		itemIndex: i,
	});
}
