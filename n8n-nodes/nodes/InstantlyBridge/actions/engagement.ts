import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, listPaged, seg } from '../../shared/transport';
import { requiredString } from './params';

function pagination(ctx: IExecuteFunctions, i: number): { returnAll: boolean; limit: number } {
	// 'returnAll', 'limit' and 'filters' are typed boolean / number / IDataObject by n8n-workflow's overloads.
	const returnAll = ctx.getNodeParameter('returnAll', i, false);
	return { returnAll, limit: returnAll ? 0 : ctx.getNodeParameter('limit', i, 50) };
}

/** Event → Get Many: one output item per event, following the service's cursor. */
export async function listEvents(ctx: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const campaignId = requiredString(ctx, 'campaignId', i);
	const filters = ctx.getNodeParameter('filters', i, {});
	const qs: IDataObject = {};
	if (typeof filters.type === 'string' && filters.type !== '') qs.type = filters.type;
	if (typeof filters.lead === 'string' && filters.lead.trim() !== '') qs.lead = filters.lead.trim();
	const { returnAll, limit } = pagination(ctx, i);
	return await listPaged(ctx, `/api/campaigns/${seg(campaignId)}/events`, qs, returnAll, limit, i);
}

/** Reply → Get Many: one output item per reply. */
export async function listReplies(ctx: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const campaignId = requiredString(ctx, 'campaignId', i);
	const { returnAll, limit } = pagination(ctx, i);
	return await listPaged(ctx, `/api/campaigns/${seg(campaignId)}/replies`, {}, returnAll, limit, i);
}

/**
 * Reply → Classify: labels a reply text with the service's classifier (interested, not_interested, unsubscribe,
 * out_of_office, wrong_person, question, auto_other). Nothing is stored; one output item per input item.
 */
export async function classifyReply(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const text = requiredString(ctx, 'text', i);
	const options = ctx.getNodeParameter('classifyOptions', i, {}) as IDataObject;
	const body: IDataObject = { text };
	if (typeof options.subject === 'string' && options.subject.trim() !== '') body.subject = options.subject;
	if (typeof options.auto === 'boolean') body.auto = options.auto;
	return await apiRequest<IDataObject>(ctx, {
		method: 'POST',
		path: '/api/replies/classify',
		body,
		itemIndex: i,
	});
}
