import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { EVENT_TYPE_OPTIONS, REPLY_LABEL_OPTIONS, splitList } from '../shared/events';
import { rememberDelivery } from './replay';
import { verifyStandardWebhook } from './signature';
import { checkExists, create, remove, storedSecrets } from './subscription';

const UNAUTHORIZED_MESSAGE = 'missing, invalid or expired Standard-Webhooks signature';

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
		icon: {
			light: 'file:../../icons/instantlyBridge.svg',
			dark: 'file:../../icons/instantlyBridge.dark.svg',
		},
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
				placeholder: '3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b, 9d7c6b5a-4e3f-4a2b-8c1d-0e9f8a7b6c5d',
				description: 'Comma-separated Instantly Bridge campaign IDs; empty means all campaigns',
			},
			{
				displayName: 'Reply Labels',
				name: 'replyLabels',
				type: 'multiOptions',
				options: REPLY_LABEL_OPTIONS,
				default: [],
				description:
					'Only replies the service classified with one of these labels start the workflow (other events are ignored); none selected means no label filter',
			},
		],
	};

	// Spelled out as methods (n8n's webhook-lifecycle-complete rule checks the three are implemented here).
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as unknown as RawRequest;
		const body = this.getBodyData();
		// n8n 2.8.4 keeps the received bytes in req.rawBody (its rawBodyReader); signatures are over those bytes.
		// The re-serialised fallback only matches when the sender used plain JSON.stringify spacing.
		const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : JSON.stringify(body);
		const staticData = this.getWorkflowStaticData('node');
		const nowSeconds = Math.floor(Date.now() / 1000);
		const verdict = verifyStandardWebhook({
			secrets: storedSecrets(staticData),
			headers: this.getHeaderData(),
			rawBody,
			nowSeconds,
		});
		if (!verdict.ok) {
			this.logger.warn(`Instantly Bridge Trigger rejected a delivery: ${verdict.reason}`);
			const res = this.getResponseObject() as unknown as Responder;
			// The reason stays in n8n's log: the body must not tell a caller how far off its clock is.
			res.status(401).json({ error: { code: 'invalid_signature', message: UNAUTHORIZED_MESSAGE } });
			return { noWebhookResponse: true };
		}
		// A signed delivery seen before runs nothing: a captured one replayed inside the time window, or the
		// service retrying one whose answer it lost. 2xx, so an honest retry stops.
		if (!rememberDelivery(staticData, verdict, nowSeconds))
			return { webhookResponse: { received: true, ignored: 'duplicate delivery' } };
		const ignored = ignoreReason(
			body,
			this.getNodeParameter('eventTypes', []),
			this.getNodeParameter('campaignIds', ''),
			this.getNodeParameter('replyLabels', []),
		);
		if (ignored !== undefined) return { webhookResponse: { received: true, ignored } };
		return { workflowData: [[{ json: body }]] };
	}
}

/** A text field of the delivered event; anything else (missing, null, an object) counts as absent. */
function textField(body: IDataObject, key: string): string | undefined {
	const value = Object.prototype.hasOwnProperty.call(body, key) ? body[key] : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** The service filters too; this guards against a subscription whose filters lag behind the node's. */
function ignoreReason(
	body: IDataObject,
	eventTypes: unknown,
	campaignIds: unknown,
	replyLabels: unknown,
): string | undefined {
	const types = splitList(eventTypes);
	const type = textField(body, 'type');
	if (types.length > 0 && (type === undefined || !types.includes(type)))
		return `event type ${type ?? '(none)'} not selected`;
	const campaigns = splitList(campaignIds);
	const campaignId = textField(body, 'campaignId');
	if (campaigns.length > 0 && (campaignId === undefined || !campaigns.includes(campaignId)))
		return 'campaign not selected';
	// The label is in the delivery once the service classified the reply (it does so before delivering).
	const labels = splitList(replyLabels);
	const label = textField(body, 'replyLabel');
	if (labels.length > 0 && (label === undefined || !labels.includes(label)))
		return `reply label ${label ?? '(none)'} not selected`;
	return undefined;
}
