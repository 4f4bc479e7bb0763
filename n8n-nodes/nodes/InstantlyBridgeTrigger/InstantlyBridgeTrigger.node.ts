import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { EVENT_TYPE_OPTIONS, splitList } from '../shared/events';
import { verifyStandardWebhook } from './signature';
import { checkExists, create, remove, storedSecrets } from './subscription';

interface RawRequest {
	rawBody?: Buffer;
}

interface Responder {
	status(code: number): { json(body: unknown): unknown };
}

/**
 * Starts a workflow for each engagement event the service delivers. Activation registers a subscription for
 * this node's webhook URL (never twice: checkExists asks the service); every delivery must carry a valid
 * Standard-Webhooks signature made with the subscription's secret, else it is answered 401 and runs nothing.
 */
export class InstantlyBridgeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Instantly Bridge Trigger',
		name: 'instantlyBridgeTrigger',
		icon: 'file:../../icons/instantlyBridge.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["eventTypes"] || []).join(", ") || "all events"}}',
		description:
			'Starts the workflow when Instantly Bridge records an engagement event (opens, replies, bounces…)',
		defaults: { name: 'Instantly Bridge Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'instantlyBridgeApi', required: true }],
		// No isFullPath: the URL is /webhook/<webhookId>/instantly-bridge, unique per trigger node.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'instantly-bridge' }],
		properties: [
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: EVENT_TYPE_OPTIONS,
				default: [],
				description: 'Events that start the workflow; none selected means all events',
			},
			{
				displayName: 'Campaign IDs',
				name: 'campaignIds',
				type: 'string',
				default: '',
				placeholder: 'cmp_123, cmp_456',
				description: 'Comma-separated Instantly Bridge campaign IDs; empty means all campaigns',
			},
		],
	};

	webhookMethods = {
		default: { checkExists, create, delete: remove },
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as unknown as RawRequest;
		const body = this.getBodyData();
		// n8n 2.8.4 keeps the received bytes in req.rawBody (its rawBodyReader); signatures are over those bytes.
		// The re-serialised fallback only matches when the sender used plain JSON.stringify spacing.
		const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : JSON.stringify(body);
		const verdict = verifyStandardWebhook({
			secrets: storedSecrets(this.getWorkflowStaticData('node')),
			headers: this.getHeaderData(),
			rawBody,
		});
		if (!verdict.ok) {
			this.logger.warn(`Instantly Bridge Trigger rejected a delivery: ${verdict.reason}`);
			const res = this.getResponseObject() as unknown as Responder;
			res.status(401).json({ error: { code: 'invalid_signature', message: verdict.reason } });
			return { noWebhookResponse: true };
		}
		const ignored = ignoreReason(
			body,
			this.getNodeParameter('eventTypes', []),
			this.getNodeParameter('campaignIds', ''),
		);
		if (ignored !== undefined) return { webhookResponse: { received: true, ignored } };
		return { workflowData: [[{ json: body }]] };
	}
}

/** A text field of the delivered event; anything else (missing, null, an object) counts as absent. */
function textField(body: IDataObject, key: string): string | undefined {
	const value = body[key];
	return typeof value === 'string' ? value : undefined;
}

/** The service filters too; this guards against a subscription whose filters lag behind the node's. */
function ignoreReason(body: IDataObject, eventTypes: unknown, campaignIds: unknown): string | undefined {
	const types = splitList(eventTypes);
	const type = textField(body, 'type');
	if (types.length > 0 && (type === undefined || !types.includes(type)))
		return `event type ${type ?? '(none)'} not selected`;
	const campaigns = splitList(campaignIds);
	const campaignId = textField(body, 'campaignId');
	if (campaigns.length > 0 && (campaignId === undefined || !campaigns.includes(campaignId)))
		return 'campaign not selected';
	return undefined;
}
