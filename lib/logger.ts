import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets and lead PII are redacted wherever they could appear in a logged object:
 * authorization headers, API keys, webhook secrets and lead emails / reply text.
 */
export const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-webhook-secret"]',
  'headers["x-webhook-secret"]',
  'apiKey',
  '*.apiKey',
  'api_key',
  'secret',
  '*.secret',
  'webhookSecret',
  'email',
  '*.email',
  'lead_email',
  '*.lead_email',
  'leadEmail',
  '*.leadEmail',
  'reply_text',
  '*.reply_text',
  'replyText',
];

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: options.name ?? 'instantly-bridge',
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  });
}
