/** A JSON Schema node as the request schemas of the document use them (no $ref, no combinators). */
export interface Node {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  pattern?: string;
  properties?: Record<string, Node>;
  additionalProperties?: boolean | Node;
  items?: Node;
  example?: unknown;
  'x-enumDescriptions'?: Record<string, string>;
}

/** One value to try at one place, with a short label of what constraint it exercises. */
export interface Trial {
  label: string;
  value: unknown;
}

const UUID = '019ffad2-9c4e-7be6-8364-ed444afb02d5';

const types = (n: Node): string[] => (n.type === undefined ? [] : Array.isArray(n.type) ? n.type : [n.type]);

const FORMATS = new Map<string, [unknown, unknown]>([
  ['uuid', [UUID, 'not-a-uuid']],
  ['date', ['2026-01-02', '2026-01-02T10:00:00.000Z']],
  ['date-time', ['2026-01-02T10:00:00.000Z', 'yesterday']],
  ['email', ['probe@example.com', 'not-an-email']],
  ['uri', ['https://example.com/hook', 'https://exa mple.com/hook']],
]);

function outsideEnum(values: unknown[]): unknown {
  const first = values.find((v) => v !== null);
  if (typeof first === 'number')
    return Math.max(...values.filter((v): v is number => typeof v === 'number')) + 1000;
  if (typeof first === 'string') return `${first}_NOT_IN_ENUM`;
  return 'abc';
}

/** A value the node accepts, for filling arrays (`minItems`) and objects. */
export function sample(n: Node): unknown {
  if (n.enum) return n.enum.find((v) => v !== null) ?? null;
  const fmt = n.format ? FORMATS.get(n.format) : undefined;
  if (fmt) return fmt[0];
  if (n.example !== undefined) return n.example;
  const t = types(n).filter((x) => x !== 'null')[0];
  if (t === 'integer' || t === 'number') return n.minimum ?? 1;
  if (t === 'boolean') return true;
  if (t === 'array') return Array.from({ length: n.minItems ?? 0 }, () => sample(n.items ?? {}));
  if (t === 'object') return {};
  return 'x'.repeat(Math.max(1, n.minLength ?? 1));
}

/**
 * Values just inside and just outside each documented constraint of one node. Whether each is really valid is
 * not decided here: the document's own validator judges the whole request.
 */
export function trials(n: Node): Trial[] {
  const out: Trial[] = [];
  const t = types(n);
  if (t.includes('null')) out.push({ label: 'null', value: null });
  if (n.enum) {
    for (const v of n.enum) if (v !== null) out.push({ label: `enum ${JSON.stringify(v)}`, value: v });
    out.push({ label: 'outside enum', value: outsideEnum(n.enum) });
  }
  // Values the document lists only in x-enumDescriptions (e.g. the 27 lead filters) are documented inputs too.
  if (!n.enum && n['x-enumDescriptions'])
    for (const v of Object.keys(n['x-enumDescriptions'])) out.push({ label: `documented ${v}`, value: v });
  const fmt = n.format ? FORMATS.get(n.format) : undefined;
  if (fmt)
    out.push({ label: `format ${n.format}`, value: fmt[0] }, { label: `not ${n.format}`, value: fmt[1] });
  if (n.minimum !== undefined)
    out.push({ label: 'minimum', value: n.minimum }, { label: 'below minimum', value: n.minimum - 1 });
  if (n.maximum !== undefined)
    out.push({ label: 'maximum', value: n.maximum }, { label: 'above maximum', value: n.maximum + 1 });
  if (t.includes('integer')) out.push({ label: 'fraction', value: (n.minimum ?? 1) + 0.5 });
  if (t.includes('string') && !n.enum && !fmt) {
    out.push({ label: 'empty string', value: '' });
    if (n.minLength !== undefined) out.push({ label: 'minLength', value: 'x'.repeat(n.minLength) });
  }
  if (t.includes('array')) {
    const item = sample(n.items ?? {});
    const min = n.minItems ?? 0;
    out.push({ label: 'minItems', value: Array.from({ length: min }, () => item) });
    if (min > 0) out.push({ label: 'below minItems', value: Array.from({ length: min - 1 }, () => item) });
    if (n.maxItems !== undefined)
      out.push({ label: 'above maxItems', value: Array.from({ length: n.maxItems + 1 }, () => item) });
    if (n.items)
      for (const inner of trials(n.items)) out.push({ label: `item ${inner.label}`, value: [inner.value] });
  }
  if (t.includes('object') && n.minProperties !== undefined) out.push({ label: 'no properties', value: {} });
  return out;
}
