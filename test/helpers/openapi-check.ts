import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../api/openapi/document';

type Json = Record<string, any>;
type HeaderBag = Headers | Record<string, unknown> | undefined;
/** A response as supertest or TestStack.request gives it. */
export interface CheckedResponse {
  status: number;
  body: unknown;
  headers?: HeaderBag;
  text?: string;
}

const DOC_ID = 'openapi.json';
const doc: Json = openApiDocument();
// One Ajv for answers and bodies (exact types), one for path/query/header values (strings on the wire).
const strict = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const coercing = addFormats(new Ajv2020({ strict: false, allErrors: true, coerceTypes: true }));
strict.addSchema(doc, DOC_ID);
coercing.addSchema(doc, DOC_ID);
const compiled = new Map<string, ValidateFunction>();

const pointer = (parts: Array<string | number>) =>
  `${DOC_ID}#/${parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

function validator(ajv: Ajv2020, parts: Array<string | number>): ValidateFunction {
  const key = `${ajv === strict ? 's' : 'c'}:${pointer(parts)}`;
  let v = compiled.get(key);
  if (!v) compiled.set(key, (v = ajv.compile({ $ref: pointer(parts) })));
  return v;
}

/** The documented path template an actual request path belongs to (literal segments win over parameters). */
export function templateOf(actualPath: string): string | undefined {
  const segments = actualPath.split('?')[0]!.split('/');
  let best: { template: string; literals: number } | undefined;
  for (const template of Object.keys(doc.paths)) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    let literals = 0;
    const ok = parts.every((p, i) => {
      if (p.startsWith('{')) return segments[i] !== '';
      literals += 1;
      return p === segments[i];
    });
    if (ok && (!best || literals > best.literals)) best = { template, literals };
  }
  return best?.template;
}

function operationOf(method: string, actualPath: string): { template: string; op: Json } {
  const template = templateOf(actualPath);
  const item = template === undefined ? undefined : (doc.paths[template] as Json);
  const m = method.toLowerCase();
  const op = item && Object.hasOwn(item, m) ? (item[m] as Json) : undefined;
  if (!template || !op) throw new Error(`${method} ${actualPath} is not in the OpenAPI document`);
  return { template, op };
}

const headerOf = (headers: HeaderBag, name: string): string | undefined => {
  if (!headers) return undefined;
  const value =
    typeof (headers as Headers).get === 'function' ? (headers as Headers).get(name) : (headers as Json)[name];
  return value == null ? undefined : String(value);
};

function fail(what: string, v: ValidateFunction, value: unknown): never {
  const shown = JSON.stringify(value)?.slice(0, 500);
  throw new Error(
    `${what} does not match the OpenAPI document: ${JSON.stringify(v.errors)}\nvalue: ${shown}`,
  );
}

/** Throws unless `res` (its status, Content-Type and body) is what the document says `method path` answers. */
export function checkResponse(method: string, actualPath: string, res: CheckedResponse): void {
  const { template, op } = operationOf(method, actualPath);
  const status = String(res.status);
  const range = `${status[0]}XX`;
  const has = (k: string) => Object.hasOwn(op.responses, k);
  const key = has(status) ? status : has(range) ? range : undefined;
  if (key === undefined)
    throw new Error(`${method} ${template} answered ${status}, which the document does not list`);
  const content = op.responses[key].content as Json | undefined;
  const what = `${method} ${actualPath} → ${status}`;
  if (!content) {
    if (res.text || (res.body !== undefined && res.body !== null && res.body !== '' && !isEmpty(res.body)))
      throw new Error(`${what} has a body, the document says none`);
    return;
  }
  const [type] = Object.keys(content);
  const actualType = headerOf(res.headers, 'content-type');
  if (res.headers && !actualType?.startsWith(type!))
    throw new Error(`${what} is ${actualType}, documented ${type}`);
  const body = type === 'application/json' ? res.body : (res.text ?? res.body);
  const v = validator(strict, [
    'paths',
    template,
    method.toLowerCase(),
    'responses',
    key,
    'content',
    type!,
    'schema',
  ]);
  if (!v(body)) fail(what, v, body);
}

const isEmpty = (b: unknown) => typeof b === 'object' && b !== null && Object.keys(b).length === 0;

/** Throws unless the request (path parameters, query, headers, JSON body) is one the document accepts. */
export function checkRequest(
  method: string,
  url: string,
  req: { body?: unknown; headers?: Record<string, string> } = {},
): void {
  const [actualPath, search = ''] = url.split('?');
  const { template, op } = operationOf(method, actualPath!);
  const segments = actualPath!.split('/');
  const values = new Map<string, Map<string, unknown>>([
    [
      'path',
      new Map(
        template
          .split('/')
          .flatMap((p, i) => (p.startsWith('{') ? [[p.slice(1, -1), decodeURIComponent(segments[i]!)]] : [])),
      ),
    ],
    ['query', new Map(new URLSearchParams(search))],
    ['header', new Map(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]))],
  ]);
  const params = (op.parameters ?? []) as Json[];
  for (const where of ['path', 'query'] as const) {
    const documented = new Set(params.filter((p) => p.in === where).map((p) => p.name));
    for (const name of values.get(where)!.keys())
      if (!documented.has(name))
        throw new Error(`${method} ${template}: ${where} parameter ${name} is not documented`);
  }
  params.forEach((p, i) => {
    const value = values.get(p.in)?.get(p.name);
    if (value === undefined) {
      if (p.required) throw new Error(`${method} ${template}: required ${p.in} parameter ${p.name} missing`);
      return;
    }
    const v = validator(coercing, ['paths', template, method.toLowerCase(), 'parameters', i, 'schema']);
    if (!v(value)) fail(`${method} ${template} ${p.in} parameter ${p.name}`, v, value);
  });
  if (op.requestBody === undefined) {
    if (req.body !== undefined) throw new Error(`${method} ${template} takes no body`);
    return;
  }
  if (req.body === undefined) throw new Error(`${method} ${template} needs a body`);
  const [type] = Object.keys(op.requestBody.content);
  const v = validator(strict, [
    'paths',
    template,
    method.toLowerCase(),
    'requestBody',
    'content',
    type!,
    'schema',
  ]);
  if (!v(req.body)) fail(`${method} ${template} request body`, v, req.body);
}

/** The document's webhook body validator (what subscriptions receive). */
export function checkDelivery(body: unknown): void {
  const v = validator(strict, [
    'webhooks',
    'engagementEvent',
    'post',
    'requestBody',
    'content',
    'application/json',
    'schema',
  ]);
  if (!v(body)) fail('subscription delivery', v, body);
}
