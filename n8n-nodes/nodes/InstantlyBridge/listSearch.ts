import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest, seg } from '../shared/transport';

/** Campaigns per picker page (GET /api/campaigns accepts 1..200). */
const PAGE = 50;
/** Campaigns whose exports one export-picker page reads (one GET /api/campaigns/:id/exports each). */
const EXPORT_PAGE_CAMPAIGNS = 10;

interface CampaignRow {
	id: string;
	name: string;
}

interface CampaignPage {
	items: CampaignRow[];
	nextCursor: string | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** GET /api/campaigns?limit&cursor&q — the service's own name search; rows without an id are dropped. */
async function campaignPage(
	ctx: ILoadOptionsFunctions,
	limit: number,
	filter?: string,
	cursor?: string,
): Promise<CampaignPage> {
	const qs: IDataObject = { limit };
	if (filter !== undefined && filter.trim() !== '') qs.q = filter.trim();
	if (cursor !== undefined && cursor !== '') qs.cursor = cursor;
	const page = await apiRequest<{ items?: unknown; nextCursor?: unknown }>(ctx, {
		method: 'GET',
		path: '/api/campaigns',
		qs,
	});
	const rows = Array.isArray(page.items) ? (page.items as IDataObject[]) : [];
	return {
		items: rows
			.filter((row) => text(row.id) !== '')
			.map((row) => ({ id: text(row.id), name: text(row.name) || text(row.id) })),
		nextCursor: text(page.nextCursor) || null,
	};
}

/** Campaign picker: the service's campaigns, filtered by name on the server, paged by its cursor. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await campaignPage(this, PAGE, filter, paginationToken);
	return {
		results: page.items.map((c) => ({ name: c.name, value: c.id })),
		paginationToken: page.nextCursor ?? undefined,
	};
}

/**
 * Export picker: the exports (newest first) of the campaigns whose name matches the filter, a few campaigns per
 * page. Each entry reads "<campaign> · <Instantly campaign name> · <status> · <started>".
 */
export async function searchExports(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await campaignPage(this, EXPORT_PAGE_CAMPAIGNS, filter, paginationToken);
	const results: INodeListSearchResult['results'] = [];
	for (const campaign of page.items) {
		const res = await apiRequest<{ items?: unknown }>(this, {
			method: 'GET',
			path: `/api/campaigns/${seg(campaign.id)}/exports`,
		});
		for (const doc of Array.isArray(res.items) ? (res.items as IDataObject[]) : []) {
			const id = text(doc.exportId);
			if (id === '') continue;
			const label = [campaign.name, text(doc.instantlyCampaignName), text(doc.status), text(doc.createdAt)]
				.filter((part) => part !== '')
				.join(' · ');
			results.push({ name: label, value: id });
		}
	}
	return { results, paginationToken: page.nextCursor ?? undefined };
}
