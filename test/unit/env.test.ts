import { EnvError, loadEnv } from '../../lib/env';

describe('loadEnv', () => {
  it('applies documented defaults', () => {
    const env = loadEnv({});
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
  });

  it('parses durations, booleans and lists', () => {
    const env = loadEnv({
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
      /API_TOKEN[\s\S]*SETTINGS_ENCRYPTION_KEY[\s\S]*WEBHOOK_SECRET/,
    );
  });
});
