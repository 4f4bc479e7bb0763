import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from '../errors';

/** Constant-time string comparison (hashes first so lengths never leak). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Requires `Authorization: Bearer <API_TOKEN>`. */
export function requireBearer(token: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!presented || !safeEqual(presented, token)) {
      next(new HttpError(401, 'unauthorized', 'missing or invalid bearer token'));
      return;
    }
    next();
  };
}
