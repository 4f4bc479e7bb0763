import { randomBytes } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { buildOpenApiDocument, openApiDocument } from '../../api/openapi/document';
import { DOCS_CSP } from '../../api/openapi/docs-routes';
import { API_ROUTES } from '../../api/openapi/registry';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { loadEnv } from '../../lib/env';
import { createLogger } from '../../lib/logger';
import { OPENAPI_31_STRUCTURE } from '../helpers/openapi-structure';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Documented routes this file's app does not serve (none: the app below is built with ADMIN_TOKEN set). */
const PENDING_MERGE = new Set<string>();
// The reference page's own files (Swagger UI's assets) and the dashboard's page: served, not API operations.
const NOT_OPERATIONS = new Set(['GET /api/docs/init.js', 'GET /api/docs/:asset', 'GET /']);

function testApp(): Express {
  return createApp({
    env: loadEnv({ NODE_ENV: 'test', ADMIN_TOKEN: `admin-${randomBytes(24).toString('hex')}` }),
    logger: createLogger({ level: 'silent' }),
    // Building the routers touches neither; no request in this file reaches them.
    prisma: {} as never,
    temporal: {} as never,
    instantly: {} as never,
  });
}

/** Every `METHOD /path` Express would route, found by walking the app's router stack (mounted routers too). */
function expressRoutes(app: Express): Set<string> {
  const found = new Set<string>();
  const walk = (stack: Json[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths: string[] = [layer.route.path].flat();
        for (const p of paths)
          for (const m of Object.keys(layer.route.methods))
            if (METHODS.includes(m)) found.add(`${m.toUpperCase()} ${prefix}${p}`);
      } else if (Array.isArray(layer.handle?.stack)) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Json[] } }).router.stack, '');
  return found;
}

function operations(doc: Json): Array<{ key: string; path: string; method: string; op: Json }> {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
      path,
      method,
      op: op as Json,
    })),
  );
}

function schemasIn(doc: Json): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = Object.entries(doc.components.schemas as Json).map(([n, s]) => [
    `components/${n}`,
    s,
  ]);
  const fromOp = (where: string, op: Json) => {
    for (const p of op.parameters ?? []) out.push([`${where} parameter ${p.name}`, p.schema]);
    for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Json))
      out.push([`${where} body ${type}`, media.schema]);
    for (const [status, r] of Object.entries(op.responses as Json)) {
      for (const [type, media] of Object.entries((r.content ?? {}) as Json))
        out.push([`${where} ${status} ${type}`, media.schema]);
      for (const [name, h] of Object.entries((r.headers ?? {}) as Json))
        out.push([`${where} ${status} header ${name}`, h.schema]);
    }
  };
  for (const o of operations(doc)) fromOp(o.key, o.op);
  for (const [name, item] of Object.entries(doc.webhooks as Json))
    for (const [m, op] of Object.entries(item as Json)) fromOp(`webhook ${name} ${m}`, op as Json);
  return out;
}

describe('the OpenAPI document (GET /api/openapi.json)', () => {
  const doc: Json = openApiDocument();

  it('has the structure of an OpenAPI 3.1 document', () => {
    const ajv = addFormats(
      new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false }),
    );
    const validate = ajv.compile(OPENAPI_31_STRUCTURE);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    // The structure check itself refuses what 3.1 refuses (so a green run means something).
    expect(validate({ ...doc, openapi: '3.0.3' })).toBe(false);
    const broken = structuredClone(doc);
    delete broken.paths['/healthz'].get.responses['200'].description;
    expect(validate(broken)).toBe(false);
  });

  it('embeds only JSON Schemas that compile in the 2020-12 dialect (Ajv strict mode)', () => {
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    ajv.addKeyword('x-added-this-round'); // never emitted, but tolerated should the lead mark routes
    ajv.addSchema({ $id: 'components', $defs: doc.components.schemas });
    const problems: string[] = [];
    const schemas = schemasIn(doc);
    expect(schemas.length).toBeGreaterThan(100);
    for (const [where, schema] of schemas) {
      const inlined = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components#/$defs/'),
      );
      try {
        ajv.compile(inlined as object);
      } catch (err) {
        problems.push(`${where}: ${(err as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('is consistent: unique operationIds, path templates match path parameters, schemes and $refs exist', () => {
    const ids = operations(doc).map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, path, op } of operations(doc)) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? [])
        .filter((p: Json) => p.in === 'path')
        .map((p: Json) => p.name)
        .sort();
      expect([key, declared]).toEqual([key, inTemplate]);
      for (const requirement of op.security)
        for (const name of Object.keys(requirement))
          expect(doc.components.securitySchemes).toHaveProperty([name]);
      const authed = op.security.length > 0;
      expect([key, Object.hasOwn(op.responses, '401')]).toEqual([key, authed]);
      expect([key, Object.hasOwn(op.responses, '500')]).toEqual([key, true]);
      if ((op.parameters ?? []).length > 0 || op.requestBody)
        expect([key, op.responses['400']?.content['application/json'].schema]).toEqual([
          key,
          { $ref: '#/components/schemas/BadRequest' },
        ]);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    for (const r of refs)
      expect([r, r.split('/').reduce<any>((node, part) => node?.[part], doc)]).toEqual([
        r,
        expect.anything(),
      ]);
  });

  it('documents the error shape, the 400 details[].path convention, the bearer scheme and the webhook secret', () => {
    const bad = doc.components.schemas.BadRequest;
    expect(bad.properties.error.properties.details.items.properties).toHaveProperty('path');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.webhookSecret).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'x-webhook-secret',
    });
    expect(doc.paths['/api/webhooks/instantly'].post.security).toEqual([{ webhookSecret: [] }]);
    const delivery = doc.webhooks.engagementEvent.post;
    expect(delivery.parameters.map((p: Json) => p.name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
    expect(delivery.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['id', 'type', 'occurredAt']),
    );
  });

  it('is generated from the zod schemas the routes validate with (a stricter route changes the document)', () => {
    const events = doc.paths['/api/campaigns/{campaignId}/events'].get.parameters;
    expect(events.find((p: Json) => p.name === 'limit').schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 500,
    });
    const body =
      doc.paths['/api/campaigns/{campaignId}/export-to-instantly'].post.requestBody.content[
        'application/json'
      ].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.schedule.properties.days.items.enum).toContain('mon');
  });

  it('holds no secrets or data of an organization, and no examples', () => {
    const text = JSON.stringify(buildOpenApiDocument());
    expect(text).not.toContain(DEFAULT_ORGANIZATION_ID);
    expect(text).not.toMatch(/"examples?":/);
    expect(text).not.toMatch(/whsec_[A-Za-z0-9+/]{20,}/);
  });

  it('lists every route of the app, and the app serves every documented route', () => {
    const served = expressRoutes(testApp());
    expect(served.size).toBeGreaterThan(20);
    const documented = new Set(operations(doc).map((o) => o.key));
    const undocumented = [...served].filter((r) => !documented.has(r) && !NOT_OPERATIONS.has(r));
    expect(undocumented).toEqual([]);
    const missing = [...documented].filter((r) => !served.has(r) && !PENDING_MERGE.has(r));
    expect(missing).toEqual([]);
    for (const r of PENDING_MERGE) expect([r, documented.has(r)]).toEqual([r, true]);
    expect(API_ROUTES.length).toBe(documented.size);
  });
});

describe('GET /api/docs (the reference page)', () => {
  const app = testApp();

  it('answers HTML under a CSP without inline scripts, framing refused, nosniff; no token needed', async () => {
    const res = await request(app).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(DOCS_CSP).toContain("frame-ancestors 'none'");
    expect(DOCS_CSP).toMatch(/script-src 'self';/);
    expect(DOCS_CSP).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).not.toMatch(/<script>(?!<)/); // every script has a src
    expect(res.text).not.toMatch(/https?:\/\//); // no CDN
  });

  it('serves every asset the page names, from node_modules, with the right type', async () => {
    const page = (await request(app).get('/api/docs')).text;
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(
      expect.arrayContaining([
        '/api/docs/swagger-ui-bundle.js',
        '/api/docs/init.js',
        '/api/docs/swagger-ui.css',
      ]),
    );
    for (const asset of assets) {
      const res = await request(app).get(asset);
      expect([asset, res.status]).toEqual([asset, 200]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-type']).toMatch(
        asset.endsWith('.js') ? /javascript/ : asset.endsWith('.css') ? /text\/css/ : /image\/png/,
      );
    }
    expect((await request(app).get('/api/docs/init.js')).text).toContain("url: '/api/openapi.json'");
    expect((await request(app).get('/api/docs/package.json')).status).toBe(401); // not served: falls to /api (token)
  });

  it('GET /api/openapi.json needs no token and is the generated document', async () => {
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(openApiDocument());
  });
});
