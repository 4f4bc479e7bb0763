import { z } from 'zod';

/** A JSON Schema (draft 2020-12) object as OpenAPI 3.1 embeds it. */
export type JsonSchema = Record<string, unknown>;

/**
 * zod → JSON Schema 2020-12 with zod 4's own converter. Requests are described as the client sends them
 * (`io: 'input'`: defaults make a field optional, transforms show their input), answers as the API sends them.
 * Refinements JSON Schema cannot say (pgText's NUL check, cross-field rules) stay in the route's 400.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete out['$schema']; // the document's jsonSchemaDialect says it once
  return out;
}

/** `/api/campaigns/:campaignId` → `/api/campaigns/{campaignId}` (split, no regex). */
export function openApiPath(expressPath: string): string {
  return expressPath
    .split('/')
    .map((part) => (part.startsWith(':') ? `{${part.slice(1)}}` : part))
    .join('/');
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
  description?: string;
}

/** One OpenAPI parameter per property of a zod object (path parameters are always required). */
export function parametersOf(schema: z.ZodObject | undefined, where: Parameter['in']): Parameter[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
  const properties = new Map(Object.entries((json['properties'] ?? {}) as Record<string, JsonSchema>));
  const required = new Set((json['required'] ?? []) as string[]);
  return [...properties].map(([name, property]) => {
    const { description, ...rest } = property as JsonSchema & { description?: string };
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      schema: rest,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}
