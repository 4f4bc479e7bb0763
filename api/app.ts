import express, { type Express } from 'express';
import { httpMetrics } from '../lib/metrics/express';
import type { ApiDeps } from './deps';
import { requireOrganization } from './middleware/auth';
import { errorHandler } from './middleware/error-handler';
import { rejectDeepJson } from './middleware/json-depth';
import { adminRoutes } from './routes/admin';
import { healthRoutes } from './routes/health';
import { campaignRoutes } from './routes/campaigns';
import { engagementRoutes } from './routes/engagement';
import { exportRoutes } from './routes/exports';
import { instantlyWebhookRoutes } from './routes/instantly-webhooks';
import { metaRoutes } from './routes/meta';
import { openApiRoutes } from './openapi/docs-routes';
import { replyInboxRoutes } from './routes/reply-inbox';
import { replyRoutes } from './routes/replies';
import { settingsRoutes } from './routes/settings';
import { subscriptionRoutes } from './routes/subscriptions';
import { webhookIntakeRoutes } from './routes/webhooks';
import { analyticsDailyRoutes } from './routes/analytics-daily';
import { campaignListRoutes } from './routes/campaign-list';
import { exportPreviewRoutes } from './routes/export-preview';
import { uiStatic } from './ui-static';

export type { ApiDeps };

/** Builds the Express app (never listens; api/main.ts does, tests use supertest). */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // API answers are not cached; hashing every JSON body cost ~5 % of a webhook delivery's CPU
  app.set('trust proxy', false);
  app.use(httpMetrics()); // issue 15: requests by route template and status, latency (lib/metrics)
  app.use(healthRoutes(deps));
  app.use(webhookIntakeRoutes(deps)); // Instantly's deliveries: x-webhook-secret, not the bearer token
  // ADMIN_TOKEN unset: no admin API at all (its paths answer like any unknown /api path).
  if (deps.env.ADMIN_TOKEN) app.use('/api/admin', adminRoutes(deps, deps.env.ADMIN_TOKEN));
  app.use(openApiRoutes()); // the API's OpenAPI document and reference page: public, before the bearer router
  const api = express.Router();
  api.use(requireOrganization({ prisma: deps.prisma, apiToken: deps.env.API_TOKEN }));
  api.use(express.json({ limit: '10mb' }));
  api.use(rejectDeepJson());
  api.use(metaRoutes(deps));
  api.use(campaignListRoutes(deps), exportPreviewRoutes(deps), analyticsDailyRoutes(deps)); // dashboard (i17)
  api.use(campaignRoutes(deps));
  api.use(exportRoutes(deps));
  api.use(settingsRoutes(deps));
  api.use(engagementRoutes(deps));
  api.use(subscriptionRoutes(deps));
  api.use(instantlyWebhookRoutes(deps));
  api.use(replyRoutes(deps));
  api.use(replyInboxRoutes(deps));
  app.use('/api', api);
  app.use(uiStatic()); // the dashboard at / (outside the bearer router: the page holds no data)
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such route' } });
  });
  app.use(errorHandler(deps.logger));
  return app;
}
