import request from 'supertest';
import { createApp } from '../../api/app';
import { loadEnv } from '../../lib/env';
import { createLogger } from '../../lib/logger';
import { checkResponse } from '../helpers/openapi-check';

// Issue 10 item 7: /healthz answered anyone with the exact Node version.
describe('GET /healthz', () => {
  it('says the process is up and nothing about versions', async () => {
    const app = createApp({
      env: loadEnv({ NODE_ENV: 'test' }),
      logger: createLogger({ level: 'silent' }),
      // /healthz touches neither: it must answer even when they are down.
      prisma: {} as never,
      temporal: {} as never,
      instantly: {} as never,
    });
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    checkResponse('GET', '/healthz', res); // the answer is the documented one (openapi.json)
    expect(res.text).not.toContain(process.version);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
