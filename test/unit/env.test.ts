import { randomBytes } from 'node:crypto';
import { EnvError, loadEnv } from '../../lib/env';

describe('loadEnv', () => {
  it('applies documented defaults (development mode)', () => {
    const env = loadEnv({ NODE_ENV: 'development' });
    expect(env).toMatchObject({
      PORT: 3000,
      PUBLIC_URL: 'http://localhost:3000',
      TEMPORAL_ADDRESS_RESOLVED: 'localhost:7233',
      TEMPORAL_UI_URL: 'http://localhost:8233',
      TEMPORAL_TASK_QUEUE: 'instantly-bridge',
      INSTANTLY_API_URL: 'https://api.instantly.ai/api/v2',
      ENGAGEMENT_POLL_INTERVAL: 3_600_000,
      EMBEDDED_PG_PORT: 54329,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.DEVELOPMENT_MODE).toBe(true);
  });

  it('parses durations, booleans and lists', () => {
    const env = loadEnv({
      NODE_ENV: 'test',
      ENGAGEMENT_POLL_INTERVAL: '2s',
      START_SIMULATOR: 'true',
      SIMULATOR_API_KEYS: 'a, b,,c',
    });
    expect(env.ENGAGEMENT_POLL_INTERVAL).toBe(2000);
    expect(env.START_SIMULATOR).toBe(true);
    expect(env.SIMULATOR_API_KEYS).toEqual(['a', 'b', 'c']);
  });

  it('rejects bad configuration naming every bad variable in one error', () => {
    let error: unknown;
    try {
      loadEnv({
        NODE_ENV: 'development',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        TEMPORAL_ADDRESS: 'nohostport',
        SETTINGS_ENCRYPTION_KEY: 'short',
        ENGAGEMENT_POLL_INTERVAL: 'soon',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const keys = (error as EnvError).issues.map((i) => i.key).sort();
    expect(keys).toEqual([
      'DATABASE_URL',
      'ENGAGEMENT_POLL_INTERVAL',
      'LOG_LEVEL',
      'PORT',
      'SETTINGS_ENCRYPTION_KEY',
      'TEMPORAL_ADDRESS',
    ]);
    for (const key of keys) expect((error as Error).message).toContain(key);
  });

  it('requires real secrets in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(
      /SETTINGS_ENCRYPTION_KEY[\s\S]*API_TOKEN[\s\S]*WEBHOOK_SECRET/,
    );
  });

  it('allows private subscription targets only when told to; development defaults to loopback, production never', () => {
    const dev = { NODE_ENV: 'development' };
    // strong secrets: production rules refuse weak or development values (issue 11)
    const secrets = {
      API_TOKEN: randomBytes(24).toString('base64url'),
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      WEBHOOK_SECRET: randomBytes(24).toString('base64url'),
    };
    const prod = { NODE_ENV: 'production', ...secrets };
    expect(loadEnv(dev).SUBSCRIPTION_ALLOW_PRIVATE_TARGETS).toBe('loopback');
    expect(loadEnv({ NODE_ENV: 'test' }).SUBSCRIPTION_ALLOW_PRIVATE_TARGETS).toBe('none');
    expect(loadEnv(prod).SUBSCRIPTION_ALLOW_PRIVATE_TARGETS).toBe('none');
    expect(loadEnv(secrets).SUBSCRIPTION_ALLOW_PRIVATE_TARGETS).toBe('none'); // NODE_ENV unset = production
    expect(
      loadEnv({ ...prod, SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'true' }).SUBSCRIPTION_ALLOW_PRIVATE_TARGETS,
    ).toBe('private');
    expect(
      loadEnv({ ...dev, SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'false' }).SUBSCRIPTION_ALLOW_PRIVATE_TARGETS,
    ).toBe('none');
    expect(
      loadEnv({ NODE_ENV: 'test', SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'loopback' })
        .SUBSCRIPTION_ALLOW_PRIVATE_TARGETS,
    ).toBe('loopback');
    expect(loadEnv(dev).SUBSCRIPTION_LIMIT).toBe(50);
    expect(() =>
      loadEnv({ ...dev, SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'maybe', SUBSCRIPTION_LIMIT: '0' }),
    ).toThrow(/SUBSCRIPTION_ALLOW_PRIVATE_TARGETS[\s\S]*SUBSCRIPTION_LIMIT/);
  });
});
