import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { campaignFields, campaignOperations } from './descriptions/CampaignDescription';
import { resourceProperty } from './descriptions/common';
import {
	eventFields,
	eventOperations,
	replyFields,
	replyOperations,
} from './descriptions/EngagementDescription';
import { exportFields, exportOperations } from './descriptions/ExportDescription';
import { searchCampaigns, searchExports } from './listSearch';
import { route } from './router';

/**
 * Instantly Bridge: export lead-generation campaigns to Instantly, import businesses in one batch, and read
 * analytics, events and replies. Programmatic (not declarative) because Import Businesses batches ALL items
 * into one request and Export → Start can wait for completion.
 */
export class InstantlyBridge implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Instantly Bridge',
		name: 'instantlyBridge',
		icon: {
			light: 'file:../../icons/instantlyBridge.svg',
			dark: 'file:../../icons/instantlyBridge.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Export lead-generation campaigns to Instantly.ai, import businesses, and read engagement (analytics, events, replies) through Instantly Bridge',
		// An AI agent may call it as a tool: every operation and parameter description says what it does,
		// what it returns and in which unit (test/unit/n8n/tool-descriptions.test.ts). The trigger is no tool.
		usableAsTool: true,
		defaults: { name: 'Instantly Bridge' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'instantlyBridgeApi', required: true }],
		properties: [
			resourceProperty,
			campaignOperations,
			...campaignFields,
			eventOperations,
			...eventFields,
			exportOperations,
			...exportFields,
			replyOperations,
			...replyFields,
		],
	};

	methods = { listSearch: { searchCampaigns, searchExports } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this);
	}
}
