import type { ApiHandler } from '../context';
import { Router } from '../http/router';
import { registerAnalyticsRoutes } from './analytics';
import { registerBlockListRoutes } from './block-lists';
import { registerCampaignRoutes } from './campaigns';
import { registerEmailRoutes } from './emails';
import { registerJobRoutes } from './jobs';
import { registerLeadListRoutes } from './lead-lists';
import { registerLeadRoutes } from './leads';
import { registerWebhookEventRoutes } from './webhook-events';
import { registerWebhookRoutes } from './webhooks';

/** Every `/api/v2` route, with patterns relative to `/api/v2`. */
export function createApiRouter(): Router<ApiHandler> {
  const router = new Router<ApiHandler>();
  registerCampaignRoutes(router);
  registerAnalyticsRoutes(router);
  registerLeadRoutes(router);
  registerLeadListRoutes(router);
  registerJobRoutes(router);
  registerWebhookRoutes(router);
  registerWebhookEventRoutes(router);
  registerEmailRoutes(router);
  registerBlockListRoutes(router);
  return router;
}
