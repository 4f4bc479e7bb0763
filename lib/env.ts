import { z } from 'zod';
import type { PrivateTargetPolicy } from './outbound/address-policy';
import {
  configuredKeys,
  DEV_API_TOKEN,
  DEV_ENCRYPTION_KEY,
  DEV_WEBHOOK_SECRET,
  secretIssues,
} from './env-secrets';

/**
 * The service's configuration, parsed once from the environment. This is the only module that reads
 * process.env. Every variable is documented in .env.example and the README's configuration table.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

/** "1h", "30m", "15s", "500ms" or plain seconds → milliseconds. */
const duration = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m|h)?$/, 'expected a duration like 500ms, 15s, 30m or 1h')
  .transform((v) => {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v)!;
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000;
    return Math.round(Number(m[1]) * factor);
  });

export { decodeKey } from './secret-strength';

const schema = z.object({
  // Unset means production: the development defaults need an explicit NODE_ENV=development (npm start sets it).
  NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
  HOST: z
    .string()
    .regex(/^[0-9A-Za-z.:[\]-]{1,255}$/, 'must be an interface address such as 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: port.default(3000),
  PUBLIC_URL: z.url().optional(),
  API_TOKEN: z.string().min(16, 'must be at least 16 characters').max(500).optional(),
  // The admin API (organizations and their tokens); unset = the admin API does not exist (404).
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').max(500).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: port.default(54329),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d+$/, 'must be host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('instantly-bridge'),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: z.url().optional(),
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  INSTANTLY_API_URL: z.url().default('https://api.instantly.ai/api/v2'),
  INSTANTLY_API_KEY: z.string().min(1).optional(),
  SETTINGS_ENCRYPTION_KEY: z.string().optional(),
  SETTINGS_ENCRYPTION_KEYS: z.string().max(2000).optional(),
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').max(500).optional(),
  WEBHOOK_SECRET_PREVIOUS: z.string().min(16, 'must be at least 16 characters').max(500).optional(),
  INSTANTLY_API_KEY_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  WEBHOOK_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'expected e.g. 256kb')
    .default('256kb'),
  ENGAGEMENT_POLL_INTERVAL: duration.default(3_600_000),
  WEBHOOK_HANDOFF_WAIT: duration.default(1_000),
  EXPORT_UPLOAD_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  SIMULATOR_PORT: port.default(8787),
  SIMULATOR_API_KEYS: z.string().optional(),
  START_SIMULATOR: bool.default(false),
  SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: z
    .enum(['false', 'no', '0', 'none', 'loopback', 'true', 'yes', '1', 'private'])
    .optional(),
  SUBSCRIPTION_LIMIT: z.coerce.number().int().min(1).max(10_000).default(50),
  // Operations (issue 15): Instantly's workspace limits, the budget shared across processes, metrics port.
  INSTANTLY_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100).default(100),
  INSTANTLY_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(6000),
  INSTANTLY_SHARED_BUDGET: bool.default(true),
  INSTANTLY_RATE_LATENCY_MARGIN_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  METRICS_PORT: port.optional(),
});

/** Development defaults (public token, secret and key) only when NODE_ENV says development or test. */
const isDevelopmentMode = (nodeEnv: string | undefined): boolean =>
  nodeEnv === 'development' || nodeEnv === 'test';

export type Env = ReturnType<typeof finish>;

function finish(e: z.infer<typeof schema>) {
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const keys = configuredKeys(e);
  return {
    ...e,
    NODE_ENV: e.NODE_ENV ?? 'production',
    /** True when the development defaults were allowed (NODE_ENV=development or test). */
    DEVELOPMENT_MODE: isDevelopmentMode(e.NODE_ENV),
    PUBLIC_URL: publicUrl,
    API_TOKEN: e.API_TOKEN ?? DEV_API_TOKEN,
    /**
     * The settings key ring as one comma-separated string, current key first (lib/crypto.ts encrypts with the
     * first and decrypts with any): SETTINGS_ENCRYPTION_KEYS, else SETTINGS_ENCRYPTION_KEY, else the dev key.
     */
    SETTINGS_ENCRYPTION_KEY: keys.length ? keys.join(',') : DEV_ENCRYPTION_KEY,
    SETTINGS_ENCRYPTION_KEYS: keys.length ? keys : [DEV_ENCRYPTION_KEY],
    WEBHOOK_SECRET: e.WEBHOOK_SECRET ?? DEV_WEBHOOK_SECRET,
    TEMPORAL_ADDRESS_RESOLVED: e.TEMPORAL_ADDRESS ?? `localhost:${e.TEMPORAL_PORT}`,
    TEMPORAL_UI_URL: (e.TEMPORAL_UI_URL ?? `http://localhost:${e.TEMPORAL_UI_PORT}`).replace(/\/$/, ''),
    SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: privateTargets(e),
    SIMULATOR_API_KEYS: e.SIMULATOR_API_KEYS?.split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  };
}

/**
 * Which non-public subscription targets are allowed. Unset: loopback in development (an n8n on the same
 * machine), none in test and production — production only reaches private targets when told to explicitly.
 */
function privateTargets(e: z.infer<typeof schema>): PrivateTargetPolicy {
  const v = e.SUBSCRIPTION_ALLOW_PRIVATE_TARGETS;
  if (v === undefined) return e.NODE_ENV === 'development' ? 'loopback' : 'none';
  if (v === 'loopback') return 'loopback';
  return ['true', 'yes', '1', 'private'].includes(v) ? 'private' : 'none';
}

/** Thrown by loadEnv; `issues` names every bad variable at once. */
export class EnvError extends Error {
  constructor(
    readonly issues: { key: string; message: string }[],
    hint = '',
  ) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.key}: ${i.message}`).join('\n')}${hint}`);
    this.name = 'EnvError';
  }
}

const PRODUCTION_HINT =
  '\nProduction rules apply (NODE_ENV unset or production): set strong secrets (openssl rand -hex 32), or for ' +
  'local development NODE_ENV=development (npm start and npm run demo do).';

function pickSecrets(source: Record<string, string | undefined>) {
  const get = (name: string) => (Object.hasOwn(source, name) ? source[name] : undefined);
  return {
    API_TOKEN: get('API_TOKEN'),
    ADMIN_TOKEN: get('ADMIN_TOKEN'),
    WEBHOOK_SECRET: get('WEBHOOK_SECRET'),
    WEBHOOK_SECRET_PREVIOUS: get('WEBHOOK_SECRET_PREVIOUS'),
    SETTINGS_ENCRYPTION_KEY: get('SETTINGS_ENCRYPTION_KEY'),
    SETTINGS_ENCRYPTION_KEYS: get('SETTINGS_ENCRYPTION_KEYS'),
  };
}

/** Parses the environment (default process.env). Empty strings count as unset. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  // Checked apart from the schema so that one error lists secret problems together with every other one.
  const relaxed = isDevelopmentMode(cleaned['NODE_ENV']);
  const secrets = secretIssues({ ...pickSecrets(cleaned), relaxed });
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues).map((i) => ({
      key: String(i.path[0] ?? '(root)'),
      message: i.message,
    })),
    ...secrets.filter((s) => parsed.success || !parsed.error.issues.some((i) => i.path[0] === s.key)),
  ];
  if (!parsed.success || issues.length)
    throw new EnvError(issues, relaxed || secrets.length === 0 ? '' : PRODUCTION_HINT);
  return finish(parsed.data);
}

/** loadEnv over process.env with some variables replaced (scripts that run the stack a particular way). */
export function loadEnvWith(overrides: Record<string, string>): Env {
  return loadEnv({ ...process.env, ...overrides });
}

/**
 * loadEnv for tools that hold no service secrets (migrations, the API client scripts, the simulator): an unset
 * NODE_ENV means development here, so `npm run db:migrate` needs no production secrets.
 */
export function loadToolEnv(overrides: Record<string, string> = {}): Env {
  return loadEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV || 'development', ...overrides });
}
