import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { PROJECT_ROOT } from '../lib/project-root';

/** The dashboard's Content-Security-Policy: only our own scripts and styles, never framed. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const securityHeaders = (res: Response): void => {
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
};

/**
 * Serves the built dashboard (ui/dist, `npm run build:ui`) at `/` (index.html) and `/assets/*` (hashed file
 * names: cached for a year), outside the bearer router: the page itself holds no data, every API call carries
 * the token. Navigation is hash-based (#/campaigns/…), so no other path is needed and tokens never sit in a URL.
 * When the build is missing, `/` says how to make it (503) instead of a bare 404.
 */
export function uiStatic(dist = path.join(PROJECT_ROOT, 'ui', 'dist')): Router {
  const router = Router();
  const index = path.join(dist, 'index.html');
  router.use(['/assets', '/favicon.svg'], (_req, res, next) => {
    securityHeaders(res);
    next();
  });
  router.use(
    '/assets',
    express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  router.get('/', (_req, res) => {
    securityHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send(
          'The dashboard is not built: run `npm run build:ui` (npm install does it when vite is installed).',
        );
      return;
    }
    res.sendFile(index);
  });
  return router;
}
