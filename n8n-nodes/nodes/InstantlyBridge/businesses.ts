import type { IDataObject } from 'n8n-workflow';

/** The service accepts at most this many businesses in one request; only above it does the node chunk. */
export const MAX_BUSINESSES_PER_REQUEST = 5000;

export const BUSINESS_FIELDS = [
	'name',
	'email',
	'category',
	'city',
	'state',
	'rating',
	'reviews_count',
	'website',
	'phone',
	'icebreaker',
	'subject_line',
	'first_name',
	'last_name',
] as const;

export type BusinessField = (typeof BUSINESS_FIELDS)[number];

export type Business = { name: string } & Partial<Record<Exclude<BusinessField, 'name'>, string | number>>;

/** Which input property feeds each business field; a missing entry means "the property of the same name". */
export type FieldMap = Partial<Record<BusinessField, string>>;

const NUMERIC_FIELDS: ReadonlySet<BusinessField> = new Set<BusinessField>(['rating', 'reviews_count']);

const own = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/**
 * Reads `path` from an item: an exact key first (keys may contain dots), then a dot path. Own properties only:
 * the path is user input, and `constructor.name` must not read "Object" off the prototype.
 */
function read(json: IDataObject, path: string): unknown {
	if (own(json, path)) return json[path];
	let current: unknown = json;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object' || !own(current, key)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value.trim());
		return Number.isFinite(parsed) ? parsed : undefined;
	}
	return undefined;
}

export type MapResult = { ok: true; business: Business } | { ok: false; error: string };

/**
 * Maps one input item to the service's business shape. Empty values are left out (the service treats a
 * missing field as unknown); a missing name or a non-numeric rating/reviews_count is an input error.
 */
export function mapBusiness(json: IDataObject, fieldMap: FieldMap = {}): MapResult {
	const out: Record<string, string | number> = {};
	for (const field of BUSINESS_FIELDS) {
		const mapped = own(fieldMap, field) ? fieldMap[field] : undefined;
		const source = (typeof mapped === 'string' ? mapped.trim() : '') || field;
		const value = read(json, source);
		if (value === undefined || value === null || value === '') continue;
		if (NUMERIC_FIELDS.has(field)) {
			const number = toNumber(value);
			if (number === undefined) {
				return {
					ok: false,
					error: `Field "${source}" (${field}) must be a number, got ${JSON.stringify(value)}`,
				};
			}
			out[field] = number;
		} else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
			out[field] = String(value);
		} else {
			return { ok: false, error: `Field "${source}" (${field}) must be text, got ${typeof value}` };
		}
	}
	const name = out.name;
	if (typeof name !== 'string' || name.trim() === '') {
		return { ok: false, error: `Item has no business name (field "${fieldMap.name?.trim() || 'name'}")` };
	}
	return { ok: true, business: out as Business };
}

/** Splits into requests of at most `size`; a list at or below the limit stays one request. */
export function chunk<T>(list: T[], size = MAX_BUSINESSES_PER_REQUEST): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
	return chunks;
}
