import express, { type Express } from 'express';
import type { ApiDeps } from './deps';
import { requireBearer } from './middleware/auth';
import { errorHandler } from './middleware/error-handler';
import { healthRoutes } from './routes/health';
import { campaignRoutes } from './routes/campaigns';
import { engagementRoutes } from './routes/engagement';
import { exportRoutes } from './routes/exports';
import { instantlyWebhookRoutes } from './routes/instantly-webhooks';
import { metaRoutes } from './routes/meta';
import { settingsRoutes } from './routes/settings';
import { subscriptionRoutes } from './routes/subscriptions';
import { webhookIntakeRoutes } from './routes/webhooks';

export type { ApiDeps };

/** Builds the Express app (never listens; api/main.ts does, tests use supertest). */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // API answers are not cached; hashing every JSON body cost ~5 % of a webhook delivery's CPU
  app.set('trust proxy', false);
  app.use(healthRoutes(deps));
  app.use(webhookIntakeRoutes(deps)); // Instantly's deliveries: x-webhook-secret, not the bearer token
  const api = express.Router();
  api.use(requireBearer(deps.env.API_TOKEN));
  api.use(express.json({ limit: '10mb' }));
  api.use(metaRoutes(deps));
  api.use(campaignRoutes(deps));
  api.use(exportRoutes(deps));
  api.use(settingsRoutes(deps));
  api.use(engagementRoutes(deps));
  api.use(subscriptionRoutes(deps));
  api.use(instantlyWebhookRoutes(deps));
  app.use('/api', api);
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such route' } });
  });
  app.use(errorHandler(deps.logger));
  return app;
}
