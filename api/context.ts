import type { Response } from 'express';

/**
 * The caller's organization on an /api request, set by the bearer middleware (api/middleware/auth.ts) as
 * `res.locals.organizationId`. Every route scopes its reads and writes by it. Throws when the middleware did not
 * run: a route mounted outside the authenticated router must never fall back to some organization.
 */
export function organizationOf(res: Response): string {
  const id: unknown = res.locals.organizationId;
  if (typeof id !== 'string')
    throw new Error('no organization on this request: the route is not authenticated');
  return id;
}
