import type { ErrorRequestHandler } from 'express';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { InstantlyNotConfiguredError } from '../../lib/instantly-accounts';
import type { Logger } from '../../lib/logger';
import { HttpError } from '../errors';

/** The one error handler: typed errors keep their status, Temporal's and Instantly-not-configured map to 404/409, the rest are 500s. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
      return;
    }
    // No usable Instantly key (none, or one SETTINGS_ENCRYPTION_KEYS cannot open): the message says what to do.
    if (err instanceof InstantlyNotConfiguredError) {
      res.status(409).json({ error: { code: 'instantly_not_configured', message: err.message } });
      return;
    }
    if (err instanceof WorkflowNotFoundError) {
      res.status(404).json({ error: { code: 'not_found', message: 'workflow not found' } });
      return;
    }
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      res.status(409).json({ error: { code: 'conflict', message: 'already running' } });
      return;
    }
    // body-parser errors: malformed JSON (400) and oversized bodies (413)
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'malformed_json', message: 'request body is not valid JSON' } });
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'payload_too_large', message: 'request body is too large' } });
      return;
    }
    const status = e.status ?? e.statusCode;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: e.message ?? 'bad request' } });
      return;
    }
    logger.error({ err, path: req.path, method: req.method }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}
