import type { INodeProperties } from 'n8n-workflow';

import { EVENT_TYPE_OPTIONS } from '../../shared/events';
import { campaignIdProperty, paginationProperties } from './common';

export const eventOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['event'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many engagement events',
			description: 'List the engagement events of a campaign, newest first',
		},
	],
	default: 'getAll',
};

export const eventFields: INodeProperties[] = [
	campaignIdProperty('event', ['getAll']),
	...paginationProperties('event', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['event'], operation: ['getAll'] } },
		options: [
			{
				displayName: 'Lead Email',
				name: 'lead',
				type: 'string',
				placeholder: 'name@example.com',
				default: '',
				description: 'Only events of this lead',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: EVENT_TYPE_OPTIONS,
				default: 'reply_received',
				description: 'Only events of this type',
			},
		],
	},
];

export const replyOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['reply'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many replies',
			description: 'List the replies received in a campaign, with their text and Unibox link',
		},
	],
	default: 'getAll',
};

export const replyFields: INodeProperties[] = [
	campaignIdProperty('reply', ['getAll']),
	...paginationProperties('reply', 'getAll'),
];
