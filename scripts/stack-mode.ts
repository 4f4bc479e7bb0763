import type { Env } from '../lib/env';

/**
 * `npm start` and `npm run demo` run in an explicit development mode: NODE_ENV=development unless the caller set
 * NODE_ENV (then its rules apply, e.g. production refuses missing or development secrets). Passed to children.
 */
export function stackMode(): Record<string, string> {
  return { NODE_ENV: process.env.NODE_ENV || 'development' };
}

/** The banner's mode lines: in development mode, which public development secrets are in use. */
export function modeBanner(env: Env): string[] {
  if (!env.DEVELOPMENT_MODE) return [`  Mode           ${env.NODE_ENV}`];
  const defaults = [
    process.env.API_TOKEN ? '' : 'API_TOKEN',
    process.env.WEBHOOK_SECRET ? '' : 'WEBHOOK_SECRET',
    process.env.SETTINGS_ENCRYPTION_KEYS || process.env.SETTINGS_ENCRYPTION_KEY
      ? ''
      : 'SETTINGS_ENCRYPTION_KEY',
  ].filter(Boolean);
  return [
    `  Mode           ${env.NODE_ENV} (NODE_ENV=${env.NODE_ENV}): for this machine only, listening on ${env.HOST}`,
    defaults.length
      ? `                 public development values in use for ${defaults.join(', ')}: never expose this stack`
      : '',
  ];
}
