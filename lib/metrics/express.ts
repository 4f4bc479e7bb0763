import type { Request, RequestHandler } from 'express';
import { recordWebhookRejected, webhookRejectReason } from './hooks';
import { httpDuration, httpRequests } from './registry';

const WEBHOOK_PATH = '/api/webhooks/instantly';

// The matched route's template (e.g. /api/exports/:exportId), never the raw URL: one series per route, not per id.
function routeOf(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return 'unmatched';
}

/**
 * Counts every API response by method, route template and status, and times it; mounted first in createApp.
 * Refused Instantly webhook deliveries are counted here by reason too, because they are refused by several
 * middlewares (secret, body limit, validation) before the intake route runs.
 */
export function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    // Before routers rewrite req.url; the default organization's intake and each organization's own path.
    const isWebhook =
      req.method === 'POST' && (req.path === WEBHOOK_PATH || req.path.startsWith(`${WEBHOOK_PATH}/`));
    res.once('finish', () => {
      const route = routeOf(req);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      httpDuration.observe({ method: req.method, route }, seconds);
      if (isWebhook && res.statusCode >= 400) recordWebhookRejected(webhookRejectReason(res.statusCode));
    });
    next();
  };
}
