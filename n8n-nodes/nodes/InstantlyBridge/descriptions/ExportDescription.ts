import type { INodeProperties } from 'n8n-workflow';

import { exportLocator } from '../../shared/locators';
import { campaignIdProperty } from './common';
import { sequenceProperties } from './SequenceDescription';

const show = (operation: string[], extra: Record<string, unknown[]> = {}) => ({
	show: { resource: ['export'], operation, ...extra },
});

export const exportOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['export'] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			action: 'Cancel an export',
			description:
				'Stop a running export. Returns one item: the export with its status (cancelled, or its final status if it had already ended).',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get an export',
			description:
				'Read one export. Returns one item: exportId, status (running, completed, failed or cancelled), progress counts and, once completed, the Instantly campaign ID.',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many exports of a campaign',
			description:
				'List the exports of one campaign. Returns one item per export: exportId, status, and start and end times (ISO 8601).',
		},
		{
			name: 'Start',
			value: 'start',
			action: 'Start an export to Instantly',
			description:
				'Create an Instantly campaign (schedule, email sequence, senders) from a finished lead-generation campaign and upload its leads. Returns one item: exportId and status; with Wait for Completion, the final export document.',
		},
	],
	default: 'start',
};

const DAY_OPTIONS = [
	{ name: 'Monday', value: 'mon' },
	{ name: 'Tuesday', value: 'tue' },
	{ name: 'Wednesday', value: 'wed' },
	{ name: 'Thursday', value: 'thu' },
	{ name: 'Friday', value: 'fri' },
	{ name: 'Saturday', value: 'sat' },
	{ name: 'Sunday', value: 'sun' },
];

export const exportFields: INodeProperties[] = [
	campaignIdProperty('export', ['start', 'getAll']),
	exportLocator(show(['get', 'cancel'])),
	{
		displayName: 'Instantly Campaign Name',
		name: 'campaignName',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the campaign to create in Instantly, free text',
		displayOptions: show(['start']),
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		required: true,
		default: 'America/New_York',
		placeholder: 'Europe/Berlin',
		description:
			'IANA timezone of the sending window. If Instantly does not support it, the service substitutes the closest supported one and reports it in the result.',
		displayOptions: show(['start']),
	},
	{
		displayName: 'Send From (HH:MM)',
		name: 'scheduleFrom',
		type: 'string',
		required: true,
		default: '09:00',
		placeholder: '09:00',
		description: 'Start of the daily sending window, 24-hour HH:MM in the chosen timezone',
		displayOptions: show(['start']),
	},
	{
		displayName: 'Send To (HH:MM)',
		name: 'scheduleTo',
		type: 'string',
		required: true,
		default: '17:00',
		placeholder: '17:00',
		description: 'End of the daily sending window, 24-hour HH:MM in the chosen timezone (after Send From)',
		displayOptions: show(['start']),
	},
	{
		displayName: 'Days',
		name: 'days',
		type: 'multiOptions',
		required: true,
		options: DAY_OPTIONS,
		default: ['mon', 'tue', 'wed', 'thu', 'fri'],
		description: 'Days of the week on which emails are sent',
		displayOptions: show(['start']),
	},
	...sequenceProperties(show(['start'])),
	{
		displayName: 'Senders',
		name: 'senders',
		type: 'string',
		default: '',
		placeholder: 'anna@outreach.example.com, ben@outreach.example.com',
		description: 'Comma-separated sending accounts connected in Instantly; empty lets the service choose',
		displayOptions: show(['start']),
	},
	{
		displayName: 'Activate',
		name: 'activate',
		type: 'boolean',
		default: false,
		description:
			'Whether to launch the Instantly campaign right away (otherwise it is left paused for review)',
		displayOptions: show(['start']),
	},
	{
		displayName: 'Sending Options',
		name: 'sendingOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Optional sending settings; the ones not set keep the service defaults',
		displayOptions: show(['start']),
		options: [
			{
				displayName: 'Daily Limit',
				name: 'dailyLimit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max emails sent per day by the whole campaign (count)',
			},
			{
				displayName: 'Extra Variables',
				name: 'extraVariables',
				type: 'string',
				default: '',
				description: 'Comma-separated extra business fields to upload as Instantly custom variables',
			},
			{
				displayName: 'Link Tracking',
				name: 'linkTracking',
				type: 'boolean',
				default: false,
				description: 'Whether to track link clicks',
			},
			{
				displayName: 'Open Tracking',
				name: 'openTracking',
				type: 'boolean',
				default: false,
				description: 'Whether to track opens',
			},
			{
				displayName: 'Stop on Reply',
				name: 'stopOnReply',
				type: 'boolean',
				default: true,
				description: 'Whether to stop the sequence for a lead once they reply',
			},
		],
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description: 'Whether to poll the export until it is no longer running and return the final document',
		displayOptions: show(['start']),
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 5,
		description: 'Seconds to wait between two status checks while waiting for completion',
		displayOptions: show(['start'], { waitForCompletion: [true] }),
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 900,
		description:
			'Seconds to wait for completion before failing (or, with Continue On Fail, returning an error item) while the export keeps running',
		displayOptions: show(['start'], { waitForCompletion: [true] }),
	},
];
