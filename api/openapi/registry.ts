import { adminRoutes } from './routes-admin';
import { campaignRoutes } from './routes-campaigns';
import { dashboardRoutes } from './routes-dashboard';
import { engagementRoutes } from './routes-engagement';
import { exportRoutes } from './routes-exports';
import { systemRoutes } from './routes-system';
import type { RouteSpec } from './types';

/** Every route of the HTTP API (test/unit/openapi-document.test.ts fails when one is missing). */
export const API_ROUTES: readonly RouteSpec[] = [
  ...systemRoutes,
  ...adminRoutes,
  ...campaignRoutes,
  ...exportRoutes,
  ...engagementRoutes,
  ...dashboardRoutes,
];
