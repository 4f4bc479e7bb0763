import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { organizationOfToken, TOKEN_PREFIX } from '../../db/tokens';
import type { PrismaClient } from '../../lib/prisma';
import { HttpError } from '../errors';

/** Constant-time string comparison (hashes first so lengths never leak). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The token of `Authorization: Bearer <token>`, or '' (tokens are never logged). */
export function bearerOf(header: string | undefined): string {
  const value = header ?? '';
  return value.startsWith('Bearer ') ? value.slice(7).trim() : '';
}

const unauthorized = () => new HttpError(401, 'unauthorized', 'missing or invalid bearer token');

/** Requires `Authorization: Bearer <token>` equal to `token` (the admin API's ADMIN_TOKEN). */
export function requireBearer(token: string): RequestHandler {
  return (req, _res, next) => {
    const presented = bearerOf(req.get('authorization'));
    next(presented && safeEqual(presented, token) ? undefined : unauthorized());
  };
}

/**
 * Resolves the bearer token to exactly one organization and puts it on `res.locals.organizationId`: API_TOKEN
 * is the default organization's token (single-organization deployments and the demo are unchanged); any other
 * token is looked up by its SHA-256 among the organizations' tokens that are not revoked. 401 otherwise.
 */
export function requireOrganization(deps: { prisma: PrismaClient; apiToken: string }): RequestHandler {
  return (req, res, next) => {
    const presented = bearerOf(req.get('authorization'));
    if (!presented) return next(unauthorized());
    if (safeEqual(presented, deps.apiToken)) {
      res.locals.organizationId = DEFAULT_ORGANIZATION_ID;
      return next();
    }
    // Only our own tokens are looked up: anything else is refused without a database round trip.
    if (!presented.startsWith(TOKEN_PREFIX) || presented.length > 200) return next(unauthorized());
    organizationOfToken(deps.prisma, presented).then((organizationId) => {
      if (!organizationId) return next(unauthorized());
      res.locals.organizationId = organizationId;
      next();
    }, next);
  };
}
