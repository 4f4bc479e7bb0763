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
			description:
				'List the engagement events of a campaign (sent, opened, clicked, replied, bounced, unsubscribed…), newest first. Returns one item per event: type, lead email, sequence step and ISO 8601 timestamp.',
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
		description: 'Optional filters; without them every event of the campaign is listed',
		displayOptions: { show: { resource: ['event'], operation: ['getAll'] } },
		options: [
			{
				displayName: 'Lead Email',
				name: 'lead',
				type: 'string',
				placeholder: 'name@example.com',
				default: '',
				description: 'Only events of the lead with this email address',
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
			name: 'Classify',
			value: 'classify',
			action: 'Classify a reply',
			description:
				"Label an email reply's text with the service's offline classifier. Returns one item: label (interested, not_interested, unsubscribe, out_of_office, wrong_person, question or auto_other), confidence from 0 to 1, the reasons (phrases that decided), the detected language and, for out-of-office replies, the return date (YYYY-MM-DD) when the text gives one. Nothing is stored.",
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many replies',
			description:
				"List the email replies received in a campaign, newest first. Returns one item per reply: lead email, reply text, ISO 8601 timestamp and a link to open it in Instantly's Unibox.",
		},
	],
	default: 'getAll',
};

export const replyFields: INodeProperties[] = [
	campaignIdProperty('reply', ['getAll']),
	...paginationProperties('reply', 'getAll'),
	{
		displayName: 'Reply Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'Thanks, this sounds interesting. Can we talk on Tuesday?',
		description:
			'The reply as received (quoted history, signatures and mobile footers are stripped by the service); at most 20,000 characters',
		displayOptions: { show: { resource: ['reply'], operation: ['classify'] } },
	},
	{
		displayName: 'Options',
		name: 'classifyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Optional context that helps the classifier: the subject line and the auto-reply flag',
		displayOptions: { show: { resource: ['reply'], operation: ['classify'] } },
		options: [
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description: 'Subject line of the reply (helps recognise auto-replies)',
			},
			{
				displayName: 'Auto Reply',
				name: 'auto',
				type: 'boolean',
				default: false,
				description: 'Whether Instantly flagged the message as an automatic reply',
			},
		],
	},
];
