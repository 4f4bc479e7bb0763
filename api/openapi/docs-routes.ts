import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import { openApiDocument } from './document';

/**
 * No inline script or style: Swagger UI's bundle and our initializer are files of this origin; its CSS uses
 * data: images for icons. Nothing may frame the page.
 */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Swagger UI's files we serve, by name (a Map: the name comes from the URL) → content type.
const ASSETS = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
]);

// The initializer is a file of its own (served below), so the CSP needs no 'unsafe-inline'.
const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Instantly Bridge API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'content-security-policy': DOCS_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });
  next();
};

/**
 * GET /api/openapi.json (the OpenAPI 3.1 document) and GET /api/docs (Swagger UI from swagger-ui-dist in
 * node_modules, no CDN). No token needed: the document describes the API, holds no data of any organization.
 * Mount before the bearer-token router.
 */
export function openApiRoutes(): Router {
  const router = Router();
  const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.use(['/api/openapi.json', '/api/docs'], securityHeaders);
  router.get('/api/openapi.json', (_req, res) => {
    res.set('cache-control', 'no-cache').json(openApiDocument());
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').set('cache-control', 'no-cache').send(PAGE);
  });
  router.get('/api/docs/init.js', (_req, res) => {
    res.type('text/javascript; charset=utf-8').send(INIT_JS);
  });
  router.get('/api/docs/:asset', (req, res, next) => {
    const type = ASSETS.get(req.params.asset);
    if (type === undefined) return next();
    res.type(type).set('cache-control', 'public, max-age=3600');
    res.sendFile(req.params.asset, { root: dist, dotfiles: 'deny' }, (err) => err && next(err));
  });
  return router;
}
