import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A string parameter that must not be empty (ids), trimmed; a NodeOperationError names it otherwise. Resource
 * locators (campaign and export pickers) give their value: the picked id, the id typed, or the id extracted
 * from a URL; a plain string saved by an older workflow is read as it is.
 */
export function requiredString(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(ctx.getNode(), `Parameter "${name}" is empty`, { itemIndex });
	}
	return text;
}
