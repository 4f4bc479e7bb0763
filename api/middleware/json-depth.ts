import type { RequestHandler } from 'express';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../../contracts/schemas/pg-safe-json';
import { HttpError } from '../errors';

/**
 * 400 for a parsed JSON body nested deeper than `max`: JSON.parse copes with 20,000 levels, but JSON.stringify,
 * PostgreSQL's jsonb parser and recursive validators do not (a stack overflow would be a 500). Runs after
 * express.json; the check itself is iterative.
 */
export function rejectDeepJson(max: number = MAX_JSON_DEPTH): RequestHandler {
  return (req, _res, next) => {
    if (jsonTooDeep(req.body, max)) {
      const message = `must not nest deeper than ${max} levels`;
      next(new HttpError(400, 'validation_failed', `invalid body: ${message}`, [{ path: 'body', message }]));
      return;
    }
    next();
  };
}
