import type { INodeProperties } from 'n8n-workflow';

import { BUSINESS_FIELDS } from '../businesses';
import { campaignLocator } from '../../shared/locators';
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
			description:
				'Read the engagement funnel of a campaign exported to Instantly. Returns one item: counts of leads, sends, opens, clicks, replies, bounces and unsubscribes (whole numbers), per sequence step, per export.',
		},
		{
			name: 'Import Businesses',
			value: 'importBusinesses',
			action: 'Import businesses into a campaign',
			description:
				'Add businesses (leads) to a new or existing campaign; all input items go in one request (chunked only above 5,000). Returns one item: campaignId, businessCount, added (count) and requests (HTTP calls made).',
		},
		{
			name: 'Sync Now',
			value: 'sync',
			action: 'Sync campaign analytics now',
			description:
				'Make the service fetch fresh engagement numbers from Instantly now instead of at its next scheduled poll. Returns one item acknowledging the sync request for the campaign.',
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
			{ name: 'New Campaign', value: 'new', description: 'Create a new campaign named by Campaign Name' },
			{
				name: 'Existing Campaign',
				value: 'existing',
				description: 'Add the businesses to the campaign whose ID is given',
			},
		],
		default: 'new',
		description: 'Whether to create a new campaign or add the businesses to an existing one',
		displayOptions: showImport,
	},
	{
		displayName: 'Campaign Name',
		name: 'campaignName',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the new campaign, free text (read once, from the first item)',
		displayOptions: { show: { ...showImport.show, target: ['new'] } },
	},
	campaignLocator(
		'existingCampaignId',
		'Campaign',
		'The Instantly Bridge campaign to add the businesses to (read once, from the first item): from the list, by ID (a UUID) or by URL',
		{ show: { ...showImport.show, target: ['existing'] } },
	),
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
			description: `Input field holding the business's ${field} (default: the field named ${field})`,
		})),
	},
];
