import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator } from '../../shared/locators';

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Campaign', value: 'campaign' },
		{ name: 'Event', value: 'event' },
		{ name: 'Export', value: 'export' },
		{ name: 'Reply', value: 'reply' },
	],
	default: 'export',
};

/** The campaign picker shown for the given resource/operations (a campaign of Instantly Bridge). */
export function campaignIdProperty(resource: string, operation: string[]): INodeProperties {
	return campaignLocator(
		'campaignId',
		'Campaign',
		'The lead-generation campaign in Instantly Bridge: pick it from the list, or give its ID (a UUID, as returned by Import Businesses) or its URL',
		{ show: { resource: [resource], operation } },
	);
}

/** Return All + Limit, for the cursor-paginated list endpoints. */
export function paginationProperties(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results (following every page) or only up to Limit',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return (count of items)',
			displayOptions: { show: { resource: [resource], operation: [operation], returnAll: [false] } },
		},
	];
}
