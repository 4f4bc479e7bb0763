import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../shared/errors';
import { getAnalytics, importBusinesses, syncNow } from './actions/campaign';
import { classifyReply, listEvents, listReplies } from './actions/engagement';
import { cancelExport, getExport, listExports, startExport } from './actions/export';

type ItemHandler = (ctx: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
type BatchHandler = (ctx: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

export type Handler = { perItem: ItemHandler } | { batch: BatchHandler };

/** resource → operation → handler. The unit tests check it matches the node description exactly. */
export const handlers: Record<string, Record<string, Handler>> = {
	campaign: {
		importBusinesses: { batch: importBusinesses },
		getAnalytics: { perItem: getAnalytics },
		sync: { perItem: syncNow },
	},
	event: { getAll: { perItem: listEvents } },
	export: {
		start: { perItem: startExport },
		get: { perItem: getExport },
		cancel: { perItem: cancelExport },
		getAll: { perItem: listExports },
	},
	reply: { getAll: { perItem: listReplies }, classify: { perItem: classifyReply } },
};

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Runs one resource/operation over the input; per-item errors honour Continue On Fail. */
export async function route(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	// Both are typed string by n8n-workflow's getNodeParameter overloads.
	const resource = ctx.getNodeParameter('resource', 0);
	const operation = ctx.getNodeParameter('operation', 0);
	// Parameters can be expressions: look them up as own keys only (`constructor` is no resource).
	const operations = Object.prototype.hasOwnProperty.call(handlers, resource)
		? handlers[resource]
		: undefined;
	const handler =
		operations !== undefined && Object.prototype.hasOwnProperty.call(operations, operation)
			? operations[operation]
			: undefined;
	if (handler === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Unsupported operation "${operation}" for resource "${resource}"`,
		);
	}
	if ('batch' in handler) return [await handler.batch(ctx, items)];
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handler.perItem(ctx, itemIndex);
			for (const json of Array.isArray(result) ? result : [result])
				out.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (ctx.continueOnFail()) {
				out.push({ json: { error: errorMessage(error) }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw toNodeError(ctx.getNode(), error, itemIndex);
		}
	}
	return [out];
}
