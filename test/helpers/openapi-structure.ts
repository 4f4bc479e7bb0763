/**
 * The structure of an OpenAPI 3.1 document as a JSON Schema 2020-12, written for our tests from the OpenAPI
 * Specification 3.1 (spec.openapis.org/oas/v3.1.1): the objects our document uses, with their required fields,
 * allowed keys and value patterns. No copy of the official schema is installed offline; schemas embedded in the
 * document are checked separately (each must compile with Ajv's 2020 dialect).
 */
const ext = { '^x-': true };
const strictObject = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  patternProperties: ext,
  additionalProperties: false,
  required,
});
const schemaObject = { type: ['object', 'boolean'] };
const mapOf = (value: unknown, keyPattern?: string) => ({
  type: 'object',
  additionalProperties: value,
  ...(keyPattern ? { propertyNames: { pattern: keyPattern } } : {}),
});
const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const orRef = (name: string) => ({
  if: { type: 'object', required: ['$ref'] },
  then: strictObject(
    { $ref: { type: 'string' }, summary: { type: 'string' }, description: { type: 'string' } },
    ['$ref'],
  ),
  else: ref(name),
});
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export const OPENAPI_31_STRUCTURE = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  ...strictObject(
    {
      openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
      info: ref('info'),
      jsonSchemaDialect: { type: 'string', format: 'uri' },
      servers: {
        type: 'array',
        items: strictObject({ url: { type: 'string' }, description: { type: 'string' } }, ['url']),
      },
      paths: { ...mapOf(ref('pathItem'), '^/'), patternProperties: ext },
      webhooks: mapOf(orRef('pathItem')),
      components: strictObject({
        schemas: mapOf(schemaObject, '^[a-zA-Z0-9._-]+$'),
        securitySchemes: mapOf(orRef('securityScheme'), '^[a-zA-Z0-9._-]+$'),
      }),
      security: { type: 'array', items: ref('securityRequirement') },
      tags: {
        type: 'array',
        items: strictObject({ name: { type: 'string' }, description: { type: 'string' } }, ['name']),
      },
    },
    ['openapi', 'info'],
  ),
  anyOf: [{ required: ['paths'] }, { required: ['webhooks'] }, { required: ['components'] }],
  $defs: {
    info: strictObject(
      {
        title: { type: 'string' },
        summary: { type: 'string' },
        description: { type: 'string' },
        version: { type: 'string' },
        license: {
          ...strictObject(
            { name: { type: 'string' }, identifier: { type: 'string' }, url: { type: 'string' } },
            ['name'],
          ),
          not: { required: ['identifier', 'url'] },
        },
      },
      ['title', 'version'],
    ),
    pathItem: {
      type: 'object',
      properties: {
        summary: { type: 'string' },
        description: { type: 'string' },
        parameters: { type: 'array', items: orRef('parameter') },
        ...Object.fromEntries(METHODS.map((m) => [m, ref('operation')])),
      },
      patternProperties: ext,
      additionalProperties: false,
    },
    operation: strictObject(
      {
        operationId: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$' },
        tags: { type: 'array', items: { type: 'string' } },
        summary: { type: 'string' },
        description: { type: 'string' },
        parameters: { type: 'array', items: orRef('parameter') },
        requestBody: orRef('requestBody'),
        responses: {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: '^([1-5](?:[0-9]{2}|XX)|default|x-.*)$' },
          additionalProperties: orRef('response'),
        },
        security: { type: 'array', items: ref('securityRequirement') },
        deprecated: { type: 'boolean' },
      },
      ['responses'],
    ),
    parameter: {
      ...strictObject(
        {
          name: { type: 'string', minLength: 1 },
          in: { enum: ['query', 'header', 'path', 'cookie'] },
          description: { type: 'string' },
          required: { type: 'boolean' },
          schema: schemaObject,
        },
        ['name', 'in', 'schema'],
      ),
      if: { properties: { in: { const: 'path' } } },
      then: {
        required: ['required'],
        properties: { required: { const: true }, name: { type: 'string', pattern: '^[^/#?{}]+$' } },
      },
    },
    requestBody: strictObject(
      { description: { type: 'string' }, content: ref('content'), required: { type: 'boolean' } },
      ['content'],
    ),
    content: {
      ...mapOf(strictObject({ schema: schemaObject })),
      propertyNames: { pattern: '^[a-z*]+/[a-z0-9.+*-]+$' },
      minProperties: 1,
    },
    response: strictObject(
      {
        description: { type: 'string' },
        headers: mapOf(
          strictObject(
            { description: { type: 'string' }, required: { type: 'boolean' }, schema: schemaObject },
            ['schema'],
          ),
        ),
        content: ref('content'),
      },
      ['description'],
    ),
    securityRequirement: mapOf({ type: 'array', items: { type: 'string' } }),
    securityScheme: {
      ...strictObject(
        {
          type: { enum: ['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'] },
          description: { type: 'string' },
          name: { type: 'string' },
          in: { enum: ['query', 'header', 'cookie'] },
          scheme: { type: 'string' },
          bearerFormat: { type: 'string' },
        },
        ['type'],
      ),
      allOf: [
        { if: { properties: { type: { const: 'http' } } }, then: { required: ['scheme'] } },
        { if: { properties: { type: { const: 'apiKey' } } }, then: { required: ['name', 'in'] } },
      ],
    },
  },
};
