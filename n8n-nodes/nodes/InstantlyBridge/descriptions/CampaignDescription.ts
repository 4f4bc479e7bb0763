import type { INodeProperties } from 'n8n-workflow';

import { BUSINESS_FIELDS } from '../businesses';
import { campaignIdProperty } from './common';

export const campaignOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['campaign'] } },
	options: [
		{
			name: 'Get Analytics',
			value: 'getAnalytics',
			action: 'Get campaign analytics',
			description: 'Funnel and per-step numbers of the Instantly campaign made from this campaign',
		},
		{
			name: 'Import Businesses',
			value: 'importBusinesses',
			action: 'Import businesses into a campaign',
			description: 'Send ALL input items as businesses in one request (chunked only above 5,000)',
		},
		{
			name: 'Sync Now',
			value: 'sync',
			action: 'Sync campaign analytics now',
			description: 'Ask the service to fetch fresh analytics from Instantly now',
		},
	],
	default: 'importBusinesses',
};

const showImport = { show: { resource: ['campaign'], operation: ['importBusinesses'] } };

const label = (field: string): string =>
	field
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

export const campaignFields: INodeProperties[] = [
	campaignIdProperty('campaign', ['getAnalytics', 'sync']),
	{
		displayName: 'Target',
		name: 'target',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'New Campaign', value: 'new', description: 'Create a campaign with the given name' },
			{ name: 'Existing Campaign', value: 'existing', description: 'Add the businesses to a campaign by ID' },
		],
		default: 'new',
		displayOptions: showImport,
	},
	{
		displayName: 'Campaign Name',
		name: 'campaignName',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the new campaign (evaluated once, for the first item)',
		displayOptions: { show: { ...showImport.show, target: ['new'] } },
	},
	{
		displayName: 'Campaign ID',
		name: 'existingCampaignId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of the campaign to add to (evaluated once, for the first item)',
		displayOptions: { show: { ...showImport.show, target: ['existing'] } },
	},
	{
		displayName:
			'Every input item becomes one business, read from the item fields of the same name (name, email, category, city, state, rating, reviews_count, website, phone, icebreaker, subject_line, first_name, last_name). Use Field Names to read other fields.',
		name: 'importNotice',
		type: 'notice',
		default: '',
		displayOptions: showImport,
	},
	{
		displayName: 'Field Names',
		name: 'fieldMap',
		type: 'collection',
		placeholder: 'Add Field Name',
		default: {},
		description: 'Input fields (dot paths allowed) to read instead of the same-named ones',
		displayOptions: showImport,
		options: BUSINESS_FIELDS.map((field): INodeProperties => ({
			displayName: `${label(field)} Field`,
			name: field,
			type: 'string',
			default: '',
			placeholder: field,
		})),
	},
];
