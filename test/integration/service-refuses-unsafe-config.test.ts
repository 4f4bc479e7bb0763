import { spawnScript } from '../helpers/spawn-script';

/** process.env without the mode and the secrets: what `npm run api` sees on a server nobody configured. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  for (const name of [
    'NODE_ENV',
    'API_TOKEN',
    'WEBHOOK_SECRET',
    'WEBHOOK_SECRET_PREVIOUS',
    'SETTINGS_ENCRYPTION_KEY',
    'SETTINGS_ENCRYPTION_KEYS',
  ])
    if (!(name in extra)) delete env[name];
  return env;
}

describe('npm run api / npm run worker refuse unsafe configuration (issue 11 item 2)', () => {
  it('exit 1 without explicit secrets, naming every missing one in one error', async () => {
    const runs = ['api/main.ts', 'worker/main.ts'].map((entry) => spawnScript(entry, bareEnv()));
    for (const run of runs) {
      expect(await run.exited).toBe(1);
      const out = run.output();
      for (const name of [
        'API_TOKEN: is required',
        'WEBHOOK_SECRET: is required',
        'SETTINGS_ENCRYPTION_KEYS',
      ])
        expect(out).toContain(name);
      expect(out).toContain('NODE_ENV=development');
      expect(out).not.toContain('listening');
    }
  }, 60_000);

  it('exit 1 with the development values or weak ones under NODE_ENV=production, without printing them', async () => {
    const run = spawnScript(
      'api/main.ts',
      bareEnv({
        NODE_ENV: 'production',
        API_TOKEN: 'dev-api-token-change-me',
        WEBHOOK_SECRET: 'x'.repeat(16),
        SETTINGS_ENCRYPTION_KEY: 'a'.repeat(43),
      }),
    );
    expect(await run.exited).toBe(1);
    const out = run.output();
    expect(out).toMatch(/API_TOKEN: is a published development value/);
    expect(out).toMatch(/WEBHOOK_SECRET: has only 1 distinct characters/);
    expect(out).toMatch(/SETTINGS_ENCRYPTION_KEY: the key must be 32 bytes/);
    expect(out).not.toContain('x'.repeat(16));
  }, 60_000);
});
