/**
 * n8n-workflow is a dev dependency of n8n-nodes/ only, not of the root package, so bare `n8n-workflow`
 * imports do not resolve from test/. Tests import it through here: the same files the nodes load, so
 * `instanceof NodeApiError` compares the very classes the nodes throw.
 */
export { NodeApiError, NodeOperationError } from '../../../n8n-nodes/node_modules/n8n-workflow';
export type {
  IDataObject,
  IExecuteFunctions,
  IHookFunctions,
  IHttpRequestOptions,
  INode,
  INodeExecutionData,
  INodeProperties,
  INodePropertyCollection,
  INodePropertyOptions,
  IWebhookFunctions,
} from '../../../n8n-nodes/node_modules/n8n-workflow';
