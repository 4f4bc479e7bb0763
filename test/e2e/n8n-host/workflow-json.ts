import { randomUUID } from 'node:crypto';

/** One node of an n8n workflow JSON, laid out left to right by `position`. */
export const workflowNode = (
  name: string,
  type: string,
  typeVersion: number,
  position: number,
  parameters: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  id: randomUUID(),
  name,
  type,
  typeVersion,
  position: [position * 240, 0],
  parameters,
  ...extra,
});
