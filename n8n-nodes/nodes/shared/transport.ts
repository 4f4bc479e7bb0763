import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'instantlyBridgeApi';

/** Page size asked of the list endpoints when paginating. */
export const PAGE_SIZE = 100;

export type ApiContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with `/api/`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	itemIndex?: number;
}

export interface ApiResponse<T> {
	statusCode: number;
	body: T;
}

interface FullResponse {
	statusCode: number;
	body: unknown;
}

/** Encodes one path segment (ids come from users and expressions). */
export function seg(value: string): string {
	return encodeURIComponent(value);
}

interface ServiceError {
	code?: string;
	message?: string;
	details?: unknown;
}

/** The service's `{ error: { code, message, details } }`; fields of the wrong type are left out. */
function serviceError(body: unknown): ServiceError {
	if (body === null || typeof body !== 'object' || !('error' in body)) return {};
	const error = body.error;
	if (error === null || typeof error !== 'object') return {};
	const field = (name: string): unknown => (error as Record<string, unknown>)[name];
	const text = (name: string): string | undefined => {
		const value = field(name);
		return typeof value === 'string' ? value : undefined;
	};
	return { code: text('code'), message: text('message'), details: field('details') };
}

/**
 * Sends one request with the node's credential and returns status + parsed body; HTTP statuses listed in
 * `accept` (e.g. 404 for "already gone") are returned, every other status >= 400 becomes a NodeApiError
 * carrying the service's `{ error: { code, message } }` and the item index.
 */
export async function apiRequestFull<T>(
	ctx: ApiContext,
	req: ApiRequest,
	accept: number[] = [],
): Promise<ApiResponse<T>> {
	const credentials = await ctx.getCredentials<{ baseUrl: string }>(CREDENTIAL_TYPE);
	const options: IHttpRequestOptions = {
		method: req.method,
		url: `${String(credentials.baseUrl).replace(/\/+$/, '')}${req.path}`,
		qs: req.qs,
		body: req.body,
		json: true,
		// Status handling is ours: the service's error body is more useful than a generic message, and a
		// thrown 401 would make n8n retry the request once (n8n-e2e.md pitfall 15).
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	let response: FullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIAL_TYPE,
			options,
		)) as FullResponse;
	} catch (error) {
		throw new NodeApiError(ctx.getNode(), toJsonObject(error), { itemIndex: req.itemIndex });
	}
	if (response.statusCode >= 400 && !accept.includes(response.statusCode)) {
		const detail = serviceError(response.body);
		throw new NodeApiError(ctx.getNode(), toJsonObject(response.body), {
			httpCode: String(response.statusCode),
			message: `${req.method} ${req.path} failed with ${response.statusCode}${detail.code ? ` (${detail.code})` : ''}: ${detail.message ?? 'no error message'}`,
			description: detail.details === undefined ? undefined : JSON.stringify(detail.details),
			itemIndex: req.itemIndex,
		});
	}
	return { statusCode: response.statusCode, body: response.body as T };
}

/** Like apiRequestFull but returns only the body. */
export async function apiRequest<T>(ctx: ApiContext, req: ApiRequest): Promise<T> {
	return (await apiRequestFull<T>(ctx, req)).body;
}

function toJsonObject(value: unknown): JsonObject {
	if (value instanceof Error) return { message: value.message, name: value.name };
	if (value !== null && typeof value === 'object') return value as JsonObject;
	return { message: String(value) };
}

interface Page {
	items: IDataObject[];
	nextCursor: string | null;
}

/**
 * Follows `nextCursor` until the service has no more pages (returnAll) or `limit` items were collected.
 */
export async function listPaged(
	ctx: IExecuteFunctions,
	path: string,
	qs: IDataObject,
	returnAll: boolean,
	limit: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	let cursor: string | null = null;
	do {
		const want = returnAll ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - out.length);
		const query: IDataObject = { ...qs, limit: want };
		if (cursor !== null) query.cursor = cursor;
		const page = await apiRequest<Page>(ctx, { method: 'GET', path, qs: query, itemIndex });
		out.push(...(Array.isArray(page.items) ? page.items : []));
		cursor = typeof page.nextCursor === 'string' && page.nextCursor !== '' ? page.nextCursor : null;
	} while (cursor !== null && (returnAll || out.length < limit));
	return returnAll ? out : out.slice(0, limit);
}
