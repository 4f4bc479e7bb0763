import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { DASHBOARD_CSP, uiStatic } from '../../api/ui-static';

// The dashboard's static serving: security headers on the page and its assets, hashed assets cached,
// a clear 503 when the build is missing, nothing else served from the folder.
describe('uiStatic', () => {
  const appFor = (dist: string) => {
    const app = express();
    app.use(uiStatic(dist));
    app.use((_req, res) => res.status(404).json({ error: { code: 'not_found' } }));
    return app;
  };

  it('serves index.html at / and hashed assets with CSP, nosniff, no-referrer, no framing', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'ui-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(path.join(dist, 'secret.txt'), 'not served');
    const app = appFor(dist);
    const page = await request(app).get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>x</title>');
    for (const res of [page, await request(app).get('/assets/index-abc.js')]) {
      expect(res.headers['content-security-policy']).toBe(DASHBOARD_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect(page.headers['cache-control']).toBe('no-cache');
    expect((await request(app).get('/assets/index-abc.js')).headers['cache-control']).toContain('immutable');
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).toContain("style-src 'self'");
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'none'");
    expect(DASHBOARD_CSP).not.toContain('unsafe-inline');
    expect((await request(app).get('/secret.txt')).status).toBe(404);
    expect((await request(app).get('/index.html')).status).toBe(404);
    expect((await request(app).get('/assets/missing.js')).status).toBe(404);
    expect((await request(app).get('/assets/../secret.txt')).status).toBe(404);
  });

  it('answers / with 503 and how to build when ui/dist is missing', async () => {
    const res = await request(appFor(path.join(tmpdir(), 'no-such-ui-dist'))).get('/');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run build:ui');
    expect(res.headers['content-security-policy']).toBe(DASHBOARD_CSP);
  });
});
