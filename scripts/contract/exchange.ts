import type { ErrorObject } from 'ajv';
import type { FetchLike } from '../../lib/instantly';
import { pointerKey, type Operation, type Spec } from './spec';

/** One request and its response, as they crossed the wire. */
export interface Exchange {
  method: string;
  /** Path under `/api/v2`. */
  path: string;
  query: Map<string, string[]>;
  body: unknown;
  status: number;
  response: unknown;
}

/** A disagreement with the document. `where` says whose it is: our client's request or the simulator's answer. */
export interface Finding {
  where: 'request' | 'response' | 'probe';
  operation: string;
  message: string;
}

const JSON_CT = 'application~1json';

/** A fetch that records every exchange before handing the response to the client. */
export function recordingFetch(apiUrl: string, into: Exchange[]): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    const text = await response.clone().text();
    const u = new URL(url);
    const query = new Map<string, string[]>();
    for (const [k, v] of u.searchParams) query.set(k, [...(query.get(k) ?? []), v]);
    into.push({
      method: init.method ?? 'GET',
      path: u.pathname.slice(new URL(apiUrl).pathname.length),
      query,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      status: response.status,
      response: text.trim() === '' ? undefined : safeJson(text),
    });
    return response;
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Ajv errors as short sentences (`/items/0 must have required property 'x'`). */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
        : e.keyword === 'enum'
          ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues).slice(0, 80)})`
          : '';
    return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}

/** Validates query and path parameters of a request against the operation (strings coerced as a server would). */
export function checkParameters(spec: Spec, op: Operation, ex: Pick<Exchange, 'path' | 'query'>): string[] {
  const problems: string[] = [];
  const params = op.node.parameters ?? [];
  const values = new Map<string, unknown>();
  for (const [k, v] of ex.query) values.set(k, v.length === 1 ? v[0] : v);
  const template = op.template.split('/');
  const actual = ex.path.split('/');
  template.forEach((seg, i) => {
    if (seg.startsWith('{')) values.set(seg.slice(1, -1), decodeURIComponent(actual[i] ?? ''));
  });
  const known = new Set(params.map((p) => p.name));
  for (const key of values.keys()) if (!known.has(key)) problems.push(`undocumented parameter '${key}'`);
  params.forEach((p, index) => {
    const has = values.has(p.name);
    if (!has) {
      if (p.required) problems.push(`missing required ${p.in} parameter '${p.name}'`);
      return;
    }
    // Coercing validator: a query string '5' is the integer 5, `ids=a&ids=b` an array, as a server reads them.
    const validate = spec.validator(`${op.pointer}/parameters/${index}/schema`, true);
    if (!validate(values.get(p.name)))
      problems.push(...describeErrors(validate.errors).map((m) => `${p.in} '${p.name}'${m.slice(1)}`));
  });
  return problems;
}

/** Validates a JSON request body against the operation's request body schema. */
export function checkRequestBody(spec: Spec, op: Operation, body: unknown): string[] {
  const content = op.node.requestBody?.content?.['application/json'];
  if (body === undefined) return op.node.requestBody?.required ? ['missing required request body'] : [];
  if (!content?.schema) return ['request body sent where the document defines none'];
  const validate = spec.validator(`${op.pointer}/requestBody/content/${JSON_CT}/schema`);
  return validate(body) ? [] : describeErrors(validate.errors).map((m) => `body${m}`);
}

/** Validates a response against the document's entry for its status. */
export function checkResponse(spec: Spec, op: Operation, status: number, body: unknown): string[] {
  const responses = op.node.responses ?? {};
  const code = String(status);
  const key = Object.hasOwn(responses, code)
    ? code
    : Object.hasOwn(responses, 'default')
      ? 'default'
      : undefined;
  if (key === undefined) return [`status ${status} is not documented for this operation`];
  const schema = responses[key]?.content?.['application/json']?.schema;
  if (!schema)
    return body === undefined ? [] : [`status ${status} has a body where the document defines none`];
  const validate = spec.validator(`${op.pointer}/responses/${pointerKey(key)}/content/${JSON_CT}/schema`);
  return validate(body) ? [] : describeErrors(validate.errors).map((m) => `${status} body${m}`);
}

/** Every finding of one recorded exchange (request side first). */
export function checkExchange(spec: Spec, ex: Exchange): Finding[] {
  const op = spec.find(ex.method, ex.path);
  const operation = `${ex.method} ${ex.path}`;
  if (!op) return [{ where: 'request', operation, message: 'no operation of the document matches' }];
  const request = [...checkParameters(spec, op, ex), ...checkRequestBody(spec, op, ex.body)];
  // Status 0 never happens here (the recorder only sees answered requests).
  const response = checkResponse(spec, op, ex.status, ex.response);
  return [
    ...request.map((message) => ({ where: 'request' as const, operation: op.key, message })),
    ...response.map((message) => ({ where: 'response' as const, operation: op.key, message })),
  ];
}
