import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** One operation of the document, found by method and concrete path. */
export interface Operation {
  /** `GET /webhook-events` (the template, without the `/api/v2` server prefix). */
  key: string;
  method: string;
  template: string;
  node: OperationNode;
  pointer: string;
}

/** The parts of an OpenAPI operation object this checker reads. */
export interface OperationNode {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: unknown }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** A loaded document: its operations and validators compiled on demand. */
export interface Spec {
  version: string;
  title: string;
  operations: Operation[];
  /** The operation a concrete request path (under `/api/v2`) belongs to. */
  find(method: string, path: string): Operation | undefined;
  /** Validator of the schema at a JSON pointer of the document (`coerce` for query/path strings). */
  validator(pointer: string, coerce?: boolean): ValidateFunction;
}

const PREFIX = '/api/v2';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function makeAjv(coerce: boolean, doc: unknown): Ajv2020 {
  // strict: false because OpenAPI adds keywords (example, x-enumDescriptions, readOnly…) JSON Schema lacks.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateSchema: false,
    coerceTypes: coerce ? 'array' : false,
  });
  addFormats(ajv);
  ajv.addSchema(doc as object, 'spec');
  return ajv;
}

function segmentsMatch(template: string, path: string): boolean {
  const t = template.split('/');
  const p = path.split('/');
  return t.length === p.length && t.every((seg, i) => (seg.startsWith('{') ? p[i] !== '' : seg === p[i]));
}

/** Reads an OpenAPI 3.1 document (JSON) and prepares it for validation. */
export function loadSpec(file: string): Spec {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    openapi?: string;
    info?: { version?: string; title?: string };
    paths?: Record<string, Record<string, OperationNode>>;
  };
  if (!doc.openapi?.startsWith('3.1') || !doc.paths)
    throw new Error(`${file} is not an OpenAPI 3.1 document`);
  const operations: Operation[] = [];
  for (const [fullPath, item] of Object.entries(doc.paths)) {
    const template = fullPath.startsWith(PREFIX) ? fullPath.slice(PREFIX.length) : fullPath;
    for (const method of METHODS) {
      const node = Object.hasOwn(item, method) ? item[method] : undefined;
      if (!node) continue;
      const pointer = `#/paths/${escape(fullPath)}/${method}`;
      operations.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        node,
        pointer,
      });
    }
  }
  // A literal segment beats a parameter (`/campaigns/analytics` before `/campaigns/{id}`).
  const literals = (o: Operation) => o.template.split('/').filter((s) => !s.startsWith('{')).length;
  operations.sort((a, b) => literals(b) - literals(a));
  const plain = makeAjv(false, doc);
  const coercing = makeAjv(true, doc);
  const cache = new Map<string, ValidateFunction>();
  return {
    version: doc.info?.version ?? '?',
    title: doc.info?.title ?? '?',
    operations,
    find: (method, path) =>
      operations.find((o) => o.method === method.toUpperCase() && segmentsMatch(o.template, path)),
    validator(pointer, coerce = false) {
      const key = `${coerce}:${pointer}`;
      let fn = cache.get(key);
      if (!fn) {
        fn = (coerce ? coercing : plain).compile({ $ref: `spec${pointer}` });
        cache.set(key, fn);
      }
      return fn;
    },
  };
}

/** JSON-pointer-escapes one key. */
export const pointerKey = escape;
