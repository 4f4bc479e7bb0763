import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest, seg } from '../../shared/transport';
import { buildExportStartBody } from '../sequence';
import { requiredString } from './params';

export interface ExportDocument extends IDataObject {
	exportId: string;
	status: 'running' | 'completed' | 'failed' | 'cancelled';
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * The sequence exactly as stored: subjects and bodies must never pass through n8n's expression engine (it
 * would eat Instantly's {{variables}}; see sequence.ts). Only a delay written as an expression is evaluated.
 */
function rawSequence(ctx: IExecuteFunctions, i: number): unknown {
	const raw = ctx.getNodeParameter('sequence', i, {}, { rawExpressions: true }) as IDataObject;
	const steps = Array.isArray(raw.steps) ? (raw.steps as IDataObject[]) : [];
	return {
		...raw,
		steps: steps.map((step) =>
			typeof step.delayDays === 'string' && step.delayDays.startsWith('=')
				? { ...step, delayDays: ctx.evaluateExpression(step.delayDays.slice(1), i) }
				: step,
		),
	};
}

/** POST /api/campaigns/:id/export-to-instantly; with "Wait for Completion" returns the final export document. */
export async function startExport(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const campaignId = requiredString(ctx, 'campaignId', i);
	let body;
	try {
		body = buildExportStartBody({
			campaignName: ctx.getNodeParameter('campaignName', i) as string,
			timezone: ctx.getNodeParameter('timezone', i) as string,
			scheduleFrom: ctx.getNodeParameter('scheduleFrom', i) as string,
			scheduleTo: ctx.getNodeParameter('scheduleTo', i) as string,
			days: ctx.getNodeParameter('days', i) as string[],
			sequenceRaw: rawSequence(ctx, i),
			senders: ctx.getNodeParameter('senders', i, '') as string,
			activate: ctx.getNodeParameter('activate', i, false) as boolean,
			sendingOptions: ctx.getNodeParameter('sendingOptions', i, {}) as IDataObject,
		});
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i });
	}
	const started = await apiRequest<IDataObject>(ctx, {
		method: 'POST',
		path: `/api/campaigns/${seg(campaignId)}/export-to-instantly`,
		body,
		itemIndex: i,
	});
	if (!(ctx.getNodeParameter('waitForCompletion', i, false) as boolean)) return started;
	const exportId = started.exportId;
	if (typeof exportId !== 'string' || exportId === '') {
		throw new NodeOperationError(ctx.getNode(), 'The service accepted the export but returned no exportId', {
			itemIndex: i,
			description: JSON.stringify(started),
		});
	}
	return await waitForExport(ctx, exportId, {
		intervalMs: (ctx.getNodeParameter('pollInterval', i, 5) as number) * 1000,
		timeoutMs: (ctx.getNodeParameter('waitTimeout', i, 900) as number) * 1000,
		itemIndex: i,
	});
}

/**
 * Waits `ms`, or rejects as soon as the execution is cancelled. n8n-workflow's `sleepWithAbort` exists in n8n
 * 2.8 but not in 2.41 (a missing named export is `undefined` at run time, not an import error), so it is looked
 * up when called and, where absent, n8n-workflow's plain `sleep` is raced with the cancel signal.
 */
export const abortableSleep: Sleep = async (ms, signal) => {
	const native = (n8nWorkflow as Partial<typeof n8nWorkflow>).sleepWithAbort;
	if (native) return await native(ms, signal);
	await new Promise<void>((resolve, reject) => {
		const cancelled = () => reject(new n8nWorkflow.ManualExecutionCancelledError(''));
		if (signal?.aborted) return cancelled();
		signal?.addEventListener('abort', cancelled, { once: true });
		void n8nWorkflow.sleep(ms).then(() => {
			signal?.removeEventListener('abort', cancelled);
			resolve();
		});
	});
};

/** Polls GET /api/exports/:id until its status is no longer `running`; a timeout is a NodeOperationError. */
export async function waitForExport(
	ctx: IExecuteFunctions,
	exportId: string,
	opts: { intervalMs: number; timeoutMs: number; itemIndex: number },
	sleep: Sleep = abortableSleep,
): Promise<ExportDocument> {
	const deadline = Date.now() + opts.timeoutMs;
	for (;;) {
		const doc = await getExportDocument(ctx, exportId, opts.itemIndex);
		if (doc.status !== 'running') return doc;
		if (Date.now() + opts.intervalMs > deadline) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Export ${exportId} is still running after ${Math.round(opts.timeoutMs / 1000)} s`,
				{
					itemIndex: opts.itemIndex,
					description: 'It keeps running in the service; use Export → Get later.',
				},
			);
		}
		await sleep(opts.intervalMs, ctx.getExecutionCancelSignal());
	}
}

async function getExportDocument(
	ctx: IExecuteFunctions,
	exportId: string,
	i: number,
): Promise<ExportDocument> {
	return await apiRequest<ExportDocument>(ctx, {
		method: 'GET',
		path: `/api/exports/${seg(exportId)}`,
		itemIndex: i,
	});
}

export async function getExport(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await getExportDocument(ctx, requiredString(ctx, 'exportId', i), i);
}

export async function cancelExport(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const exportId = requiredString(ctx, 'exportId', i);
	return await apiRequest<IDataObject>(ctx, {
		method: 'POST',
		path: `/api/exports/${seg(exportId)}/cancel`,
		itemIndex: i,
	});
}

export async function listExports(ctx: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const campaignId = requiredString(ctx, 'campaignId', i);
	const res = await apiRequest<{ items?: IDataObject[] }>(ctx, {
		method: 'GET',
		path: `/api/campaigns/${seg(campaignId)}/exports`,
		itemIndex: i,
	});
	return Array.isArray(res.items) ? res.items : [];
}
