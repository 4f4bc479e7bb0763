/**
 * The campaign and export pickers (resource locators) in a real n8n: a workflow that reads them "by URL" and
 * "by ID" (n8n itself extracts the id from the URL with the node's regex), and the editor's list search
 * (`POST /rest/dynamic-node-parameters/resource-locator-results`, what n8n's UI calls when a user opens "From
 * List" or types a search) answered by the node's listSearch methods.
 */
import { ACTION_NODE_TYPE, type PublicApi } from './n8n-runner';
import { workflowNode } from './workflow-json';

export const PICKERS_WF = 'e2ePickers000000001';

const rl = (mode: 'list' | 'id' | 'url', value: string) => ({ __rl: true, mode, value });

/** Start → Exports of a campaign given by URL → Export by URL (expression, per item) → Export by ID. */
export function pickersWorkflow(apiUrl: string, credentials: Record<string, unknown>) {
  const node = (
    name: string,
    position: number,
    parameters: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => workflowNode(name, ACTION_NODE_TYPE, 1, position, parameters, { credentials, ...extra });
  return {
    id: PICKERS_WF,
    name: 'E2E: campaign and export pickers by URL and by ID',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      workflowNode('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
      node('Exports by campaign URL', 1, {
        resource: 'export',
        operation: 'getAll',
        campaignId: rl('url', `${apiUrl}/ui/campaigns/cmp_pick_3?tab=exports`),
      }),
      node('Export by URL', 2, {
        resource: 'export',
        operation: 'get',
        exportId: rl('url', `=${apiUrl}/api/exports/{{ $json.exportId }}`),
      }),
      // Once, although two items arrive: one request proves the id reaches the path untouched.
      node(
        'Export by ID',
        3,
        { resource: 'export', operation: 'get', exportId: rl('id', 'exp_cmp_pick_7_b') },
        { executeOnce: true },
      ),
    ],
    connections: {
      Start: { main: [[{ node: 'Exports by campaign URL', type: 'main', index: 0 }]] },
      'Exports by campaign URL': { main: [[{ node: 'Export by URL', type: 'main', index: 0 }]] },
      'Export by URL': { main: [[{ node: 'Export by ID', type: 'main', index: 0 }]] },
    },
  };
}

export interface LocatorPage {
  results: Array<{ name: string; value: string }>;
  paginationToken?: string;
}

/** One list-search call as n8n's editor makes it for our action node's `parameter` (a resource locator). */
export async function searchLocator(
  api: PublicApi,
  opts: {
    parameter: 'campaignId' | 'exportId';
    method: 'searchCampaigns' | 'searchExports';
    operation: string;
    credentials: Record<string, unknown>;
    filter?: string;
    paginationToken?: string;
  },
): Promise<LocatorPage> {
  return await api.editorPost<LocatorPage>('/rest/dynamic-node-parameters/resource-locator-results', {
    path: opts.parameter,
    nodeTypeAndVersion: { name: ACTION_NODE_TYPE, version: 1 },
    currentNodeParameters: {
      resource: 'export',
      operation: opts.operation,
      [opts.parameter]: rl('list', ''),
    },
    methodName: opts.method,
    credentials: opts.credentials,
    ...(opts.filter === undefined ? {} : { filter: opts.filter }),
    ...(opts.paginationToken === undefined ? {} : { paginationToken: opts.paginationToken }),
  });
}
