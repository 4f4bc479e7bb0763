import { badRequestResponseSchema, errorResponseSchema } from '../../contracts/schemas/responses/common';
import { deliveryWebhook, INFO, SECURITY_SCHEMES, TAGS } from './document-parts';
import { jsonSchemaOf, openApiPath, parametersOf, type JsonSchema } from './json-schema';
import { API_ROUTES } from './registry';
import type { ResponseSpec, RouteSecurity, RouteSpec } from './types';

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const BAD_REQUEST_REF = { $ref: '#/components/schemas/BadRequest' };
const SECURITY = new Map<RouteSecurity, Array<Record<string, string[]>>>([
  ['bearer', [{ bearerAuth: [] }]],
  ['admin', [{ adminToken: [] }]],
  ['webhookSecret', [{ webhookSecret: [] }]],
  ['none', []],
]);

const json = (schema: JsonSchema, contentType = 'application/json') => ({ [contentType]: { schema } });

function response(r: ResponseSpec): JsonSchema {
  return {
    description: r.description,
    ...(r.location
      ? { headers: { Location: { description: 'where the resource is', schema: { type: 'string' } } } }
      : {}),
    ...(r.schema ? { content: json(jsonSchemaOf(r.schema, 'output'), r.contentType) } : {}),
  };
}

/** The route's answers plus the ones every route of its kind has (400 for inputs, 401, 413, 500). */
function responses(route: RouteSpec): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  for (const r of route.responses) out.set(String(r.status), response(r));
  const parsesJson = route.security === 'bearer' || route.security === 'admin' || route.body !== undefined;
  const writes = route.method === 'post' || route.method === 'put';
  const hasInput = route.params || route.query || route.headers || route.body || (parsesJson && writes);
  const common: Array<[number, string, JsonSchema]> = [];
  if (hasInput)
    common.push([400, 'the request is invalid: details[].path names every bad field', BAD_REQUEST_REF]);
  if (route.security !== 'none')
    common.push([401, 'unauthorized: missing or invalid credentials', ERROR_REF]);
  if (parsesJson && writes) common.push([413, 'payload_too_large: the body is too large', ERROR_REF]);
  common.push([500, 'internal: an unexpected error (logged)', ERROR_REF]);
  for (const [status, description, schema] of common)
    if (!out.has(String(status))) out.set(String(status), { description, content: json(schema) });
  return out;
}

function operation(route: RouteSpec): JsonSchema {
  const parameters = [
    ...parametersOf(route.params, 'path'),
    ...parametersOf(route.query, 'query'),
    ...parametersOf(route.headers, 'header'),
  ];
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security: SECURITY.get(route.security),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            ...(route.body.description ? { description: route.body.description } : {}),
            content: json(jsonSchemaOf(route.body.schema, 'input'), route.body.contentType),
          },
        }
      : {}),
    responses: Object.fromEntries(responses(route)),
  };
}

/** Builds the OpenAPI 3.1 document of every route in `routes` (default: the whole API) from its zod schemas. */
export function buildOpenApiDocument(routes: readonly RouteSpec[] = API_ROUTES): JsonSchema {
  const paths = new Map<string, Map<string, JsonSchema>>();
  for (const route of routes) {
    const path = openApiPath(route.path);
    const item = paths.get(path) ?? new Map<string, JsonSchema>();
    if (item.has(route.method)) throw new Error(`${route.method} ${route.path} is documented twice`);
    item.set(route.method, operation(route));
    paths.set(path, item);
  }
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: INFO,
    tags: TAGS,
    paths: Object.fromEntries([...paths].map(([p, ops]) => [p, Object.fromEntries(ops)])),
    webhooks: { engagementEvent: deliveryWebhook() },
    components: {
      schemas: {
        Error: jsonSchemaOf(errorResponseSchema, 'output'),
        BadRequest: jsonSchemaOf(badRequestResponseSchema, 'output'),
      },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

let cached: JsonSchema | undefined;
/** The document of the whole API, built once per process (it depends on code only, never on configuration). */
export const openApiDocument = (): JsonSchema => (cached ??= buildOpenApiDocument());
