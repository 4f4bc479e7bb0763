import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A string parameter that must not be empty (ids), trimmed; a NodeOperationError names it otherwise. */
export function requiredString(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(ctx.getNode(), `Parameter "${name}" is empty`, { itemIndex });
	}
	return text;
}
