import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * What leaves a node is always one of n8n's own errors (n8n shows their HTTP context and item index; a raw
 * TypeError or socket error would lose both). n8n errors pass through unchanged so the service's error body
 * kept by NodeApiError is not wrapped away; anything else becomes a NodeOperationError for the item.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const cause = error instanceof Error ? error : new Error(String(error));
	return new NodeOperationError(node, cause, itemIndex === undefined ? {} : { itemIndex });
}
