/**
 * Runs our action node's AI-tool variant in a real n8n WITHOUT an LLM. n8n registers `<type>Tool` for every
 * node with `usableAsTool` (n8n's tool-generation/ai-tools.js); an AI Agent would call it with arguments an LLM
 * chose for its `$fromAI()` parameters. n8n's own hidden "Tool Executor" node (@n8n/n8n-nodes-langchain
 * .toolExecutor — what the editor inserts when a user runs a tool node on its own) calls the connected tool
 * with arguments given as JSON instead, through the same path an agent uses (createNodeAsTool → the tool's
 * DynamicStructuredTool → the node's execute()). So the run is exactly "an agent called this tool with these
 * arguments", minus the model.
 */
import { ACTION_NODE_TYPE, type N8nRunResult } from './n8n-runner';
import { workflowNode } from './workflow-json';

/** The type n8n gives the tool variant of our action node. */
export const TOOL_NODE_TYPE = `${ACTION_NODE_TYPE}Tool`;
export const TOOL_NODE = 'Instantly Bridge Tool';
/** n8n's tool name for a node: its name with every non-word character replaced by "_" (nodeNameToToolName). */
const TOOL_NAME = 'Instantly_Bridge_Tool';

/**
 * Manual Trigger → Tool Executor ⟵(ai_tool)── Instantly Bridge Tool (`parameters`, any `$fromAI()` in them),
 * calling the tool once with `args`.
 */
export function toolWorkflow(
  id: string,
  parameters: Record<string, unknown>,
  args: Record<string, unknown>,
  credentials: Record<string, unknown>,
) {
  return {
    id,
    name: 'E2E: the AI-agent tool variant, called by n8n without an LLM',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      workflowNode('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
      workflowNode('Tool Executor', '@n8n/n8n-nodes-langchain.toolExecutor', 1, 1, {
        query: JSON.stringify({ [TOOL_NAME]: args }),
        toolName: '',
      }),
      workflowNode(TOOL_NODE, TOOL_NODE_TYPE, 1, 2, parameters, { credentials }),
    ],
    connections: {
      Start: { main: [[{ node: 'Tool Executor', type: 'main', index: 0 }]] },
      [TOOL_NODE]: { ai_tool: [[{ node: 'Tool Executor', type: 'ai_tool', index: 0 }]] },
    },
  };
}

/**
 * What the tool returned to its caller: the tool node's own `ai_tool` output `{ response: [item.json, …] }`
 * (n8n records it per tool run), so the assertion sees the node's items, not a string re-parse.
 */
export function toolExecutorOutput(result: N8nRunResult): unknown[] {
  const runs = result.data.resultData.runData[TOOL_NODE] as unknown as
    Array<{ data?: { ai_tool?: Array<Array<{ json: { response?: unknown[] } }>> } }> | undefined;
  const response = runs?.[0]?.data?.ai_tool?.[0]?.[0]?.json.response;
  if (!Array.isArray(response))
    throw new Error(
      `no ai_tool output of ${TOOL_NODE}: ${JSON.stringify(result.data.resultData).slice(0, 4000)}`,
    );
  return response;
}
