import { STATUS_CODES } from 'node:http';

/** Instantly's (Fastify-style) error envelope (instantly-api-v2.md §1.3). */
export interface ErrorEnvelope {
  statusCode: number;
  error: string;
  message: string;
}

/**
 * An error a route throws to answer with a non-2xx status. By default the body is the envelope
 * `{statusCode, error, message}`; `bare` replaces it (analytics answers `{message}` only, §1.3).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly bare: unknown;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    opts: { bare?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.bare = opts.bare;
    this.headers = opts.headers ?? {};
  }

  /** The JSON body to send. */
  body(): unknown {
    return this.bare ?? envelope(this.status, this.message);
  }
}

/** Builds `{statusCode, error, message}` with the standard reason phrase. */
export function envelope(status: number, message: string): ErrorEnvelope {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
}

/** 400 with an AJV/Fastify-like validation message. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

/** 404 `Resource not found`-style error. */
export function notFound(what: string): ApiError {
  return new ApiError(404, `${what} not found`);
}
