import { randomBytes } from 'node:crypto';
import { EnvError, loadEnv, loadToolEnv } from '../../lib/env';
import { decodeKey } from '../../lib/secret-strength';

const strong = () => ({
  API_TOKEN: randomBytes(24).toString('base64url'),
  WEBHOOK_SECRET: randomBytes(24).toString('hex'),
  SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
});

function issuesOf(source: Record<string, string>): { key: string; message: string }[] {
  try {
    loadEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return (err as EnvError).issues;
  }
  return [];
}

describe('configuration secrets (issue 11 item 2)', () => {
  it('refuses to start without NODE_ENV and without secrets: development defaults need an explicit mode', () => {
    const issues = issuesOf({});
    expect(issues.map((i) => i.key).sort()).toEqual([
      'API_TOKEN',
      'SETTINGS_ENCRYPTION_KEYS',
      'WEBHOOK_SECRET',
    ]);
    expect(() => loadEnv({})).toThrow(/NODE_ENV=development/);
    expect(issuesOf({ NODE_ENV: 'production' }).map((i) => i.key)).toContain('API_TOKEN');
    expect(loadEnv({ NODE_ENV: 'development' }).API_TOKEN).toBe('dev-api-token-change-me');
    expect(loadEnv({ NODE_ENV: 'test' }).DEVELOPMENT_MODE).toBe(true);
  });

  it('accepts strong explicit secrets with NODE_ENV unset, as production', () => {
    const env = loadEnv(strong());
    expect(env.NODE_ENV).toBe('production');
    expect(env.DEVELOPMENT_MODE).toBe(false);
    expect(env.HOST).toBe('127.0.0.1');
    expect(loadEnv({ ...strong(), HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('refuses the published development values, low-entropy tokens and weak keys, listing every problem at once', () => {
    const issues = issuesOf({
      NODE_ENV: 'production',
      API_TOKEN: 'x'.repeat(16),
      WEBHOOK_SECRET: 'dev-webhook-secret-change-me',
      WEBHOOK_SECRET_PREVIOUS: 'abcdeabcdeabcdeabcde',
      SETTINGS_ENCRYPTION_KEY: 'a'.repeat(43) + '=',
      PORT: 'eighty',
    });
    expect(issues.map((i) => i.key).sort()).toEqual([
      'API_TOKEN',
      'PORT',
      'SETTINGS_ENCRYPTION_KEY',
      'WEBHOOK_SECRET',
      'WEBHOOK_SECRET_PREVIOUS',
    ]);
    const text = JSON.stringify(issues);
    expect(text).not.toContain('x'.repeat(16)); // messages never echo a secret
    expect(issuesOf({ ...strong(), SETTINGS_ENCRYPTION_KEY: '0'.repeat(63) + '1' })).toEqual([
      { key: 'SETTINGS_ENCRYPTION_KEY', message: expect.stringMatching(/development key/) },
    ]);
    expect(issuesOf({ ...strong(), API_TOKEN: 'dev-api-token-change-me' })).toEqual([
      { key: 'API_TOKEN', message: expect.stringMatching(/development value/) },
    ]);
    const same = randomBytes(20).toString('hex');
    expect(issuesOf({ ...strong(), API_TOKEN: same, WEBHOOK_SECRET: same }).map((i) => i.key)).toEqual([
      'WEBHOOK_SECRET',
    ]);
  });

  it('keys decode strictly to exactly 32 bytes: no lenient base64, no other lengths', () => {
    const key = randomBytes(32);
    expect(decodeKey(key.toString('hex'))).toEqual(key);
    expect(decodeKey(key.toString('base64'))).toEqual(key);
    expect(decodeKey(key.toString('base64url'))).toEqual(key);
    const b64 = key.toString('base64');
    // Buffer.from(…, 'base64') would silently skip the junk and decode these to 32 bytes
    for (const bad of [
      `${b64.slice(0, 20)}!${b64.slice(20)}`,
      ` ${b64}`,
      `${b64}==`,
      randomBytes(31).toString('base64'),
      randomBytes(33).toString('hex'),
      key.toString('hex').slice(0, 63) + 'g',
    ]) {
      expect(decodeKey(bad)).toBeNull();
      expect(issuesOf({ ...strong(), SETTINGS_ENCRYPTION_KEY: bad }).map((i) => i.key)).toEqual([
        'SETTINGS_ENCRYPTION_KEY',
      ]);
    }
    // non-canonical base64: the last character's unused bits set
    const last = b64[42]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const tweaked = `${b64.slice(0, 42)}${alphabet[(alphabet.indexOf(last) & ~3) | 1]}=`;
    expect(decodeKey(tweaked)).toBeNull();
  });

  it('SETTINGS_ENCRYPTION_KEYS is the ring (current first); SETTINGS_ENCRYPTION_KEY alone is a one-key ring', () => {
    const [a, b] = [randomBytes(32).toString('hex'), randomBytes(32).toString('base64')];
    const ring = loadEnv({
      ...strong(),
      SETTINGS_ENCRYPTION_KEY: undefined,
      SETTINGS_ENCRYPTION_KEYS: `${a}, ${b}`,
    });
    expect(ring.SETTINGS_ENCRYPTION_KEYS).toEqual([a, b]);
    expect(ring.SETTINGS_ENCRYPTION_KEY).toBe(`${a},${b}`);
    expect(loadEnv({ ...strong(), SETTINGS_ENCRYPTION_KEY: a }).SETTINGS_ENCRYPTION_KEYS).toEqual([a]);
    expect(
      loadEnv({ ...strong(), SETTINGS_ENCRYPTION_KEY: b, SETTINGS_ENCRYPTION_KEYS: `${a},${b}` })
        .SETTINGS_ENCRYPTION_KEYS,
    ).toEqual([a, b]);
    const { SETTINGS_ENCRYPTION_KEY: _unused, ...noKey } = strong();
    expect(issuesOf({ ...noKey, SETTINGS_ENCRYPTION_KEYS: `${a},short` })).toEqual([
      { key: 'SETTINGS_ENCRYPTION_KEYS', message: expect.stringMatching(/key 2 must be 32 bytes/) },
    ]);
    expect(issuesOf({ ...strong(), SETTINGS_ENCRYPTION_KEYS: a }).map((i) => i.key)).toEqual([
      'SETTINGS_ENCRYPTION_KEY',
    ]);
  });

  it('tools without secrets (migrations, API client, simulator) default to development mode', () => {
    const saved = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    try {
      expect(loadToolEnv().NODE_ENV).toBe('development');
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});
