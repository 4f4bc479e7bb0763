import type { INodeProperties } from 'n8n-workflow';

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

/** "Campaign ID" shown for the given resource/operations (the id of a campaign in Instantly Bridge). */
export function campaignIdProperty(resource: string, operation: string[]): INodeProperties {
	return {
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of the lead-generation campaign in Instantly Bridge',
		displayOptions: { show: { resource: [resource], operation } },
	};
}

/** Return All + Limit, for the cursor-paginated list endpoints. */
export function paginationProperties(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: [operation], returnAll: [false] } },
		},
	];
}
