import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../api/app';
import { EnvError, loadEnv } from '../../lib/env';
import { createLogger } from '../../lib/logger';

// Issue 13: the admin API (organizations and tokens) exists only with ADMIN_TOKEN, which obeys the same strength
// rules as API_TOKEN and must differ from it; a token that is neither API_TOKEN nor one of ours is refused
// without a database round trip.
const API_TOKEN = randomBytes(24).toString('hex');
const ADMIN_TOKEN = randomBytes(24).toString('hex');

function issuesOf(source: Record<string, string>): { key: string; message: string }[] {
  try {
    loadEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return (err as EnvError).issues;
  }
  return [];
}

const appWith = (vars: Record<string, string>) =>
  createApp({
    env: loadEnv({ NODE_ENV: 'test', API_TOKEN, ...vars }),
    logger: createLogger({ level: 'silent' }),
    // Any touch of the database fails the request with a 500: these paths must not need it.
    prisma: new Proxy(
      {},
      {
        get: () => {
          throw new Error('database touched');
        },
      },
    ) as never,
    temporal: {} as never,
    instantly: {} as never,
  });

describe('ADMIN_TOKEN and the admin API', () => {
  it('production rules: optional, but when set strong, not a development value, and not API_TOKEN', () => {
    const strong = {
      API_TOKEN,
      WEBHOOK_SECRET: randomBytes(24).toString('hex'),
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    };
    expect(issuesOf(strong)).toEqual([]);
    expect(issuesOf({ ...strong, ADMIN_TOKEN })).toEqual([]);
    expect(issuesOf({ ...strong, ADMIN_TOKEN: 'abababababababababab' }).map((i) => i.key)).toEqual([
      'ADMIN_TOKEN',
    ]);
    expect(issuesOf({ ...strong, ADMIN_TOKEN: 'dev-api-token-change-me' }).map((i) => i.key)).toEqual([
      'ADMIN_TOKEN',
    ]);
    expect(issuesOf({ ...strong, ADMIN_TOKEN: API_TOKEN })).toEqual([
      { key: 'ADMIN_TOKEN', message: 'must differ from API_TOKEN' },
    ]);
    expect(issuesOf({ ...strong, ADMIN_TOKEN: 'short' }).map((i) => i.key)).toEqual(['ADMIN_TOKEN']);
    // Development too: the admin token may never double as the default organization's token.
    expect(issuesOf({ NODE_ENV: 'development', ADMIN_TOKEN: 'dev-api-token-change-me' })).toEqual([
      { key: 'ADMIN_TOKEN', message: 'must differ from API_TOKEN' },
    ]);
  });

  it('without ADMIN_TOKEN the admin paths answer exactly like an unknown path', async () => {
    const app = appWith({});
    for (const token of [API_TOKEN, ADMIN_TOKEN]) {
      const admin = await request(app)
        .get('/api/admin/organizations')
        .set('authorization', `Bearer ${token}`);
      const unknown = await request(app).get('/api/no-such-thing').set('authorization', `Bearer ${token}`);
      expect([admin.status, admin.body]).toEqual([unknown.status, unknown.body]);
    }
    const post = await request(app)
      .post('/api/admin/organizations')
      .set('authorization', `Bearer ${API_TOKEN}`)
      .send({ name: 'x' });
    expect(post.status).toBe(404);
  });

  it('with ADMIN_TOKEN: other tokens get 401 before anything is read or parsed', async () => {
    const app = appWith({ ADMIN_TOKEN });
    for (const token of [API_TOKEN, 'ibk_somebody-else', ''])
      expect(
        (await request(app).get('/api/admin/organizations').set('authorization', `Bearer ${token}`)).status,
      ).toBe(401);
    // The admin token is no organization's token.
    expect((await request(app).get('/api/whoami').set('authorization', `Bearer ${ADMIN_TOKEN}`)).status).toBe(
      401,
    );
  });

  it('a bearer token that is neither API_TOKEN nor shaped like ours is refused without a database round trip', async () => {
    const app = appWith({});
    for (const header of ['Bearer not-ours-at-all', 'Basic abc', `Bearer ibk_${'x'.repeat(300)}`])
      expect((await request(app).get('/api/whoami').set('authorization', header)).status).toBe(401);
  });
});
