import { z } from 'zod';

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

/** 32-byte AES-256-GCM key, given as 64 hex chars or base64. */
const aesKey = z.string().refine((v) => decodeKey(v) !== null, 'must be 32 bytes as 64 hex chars or base64');

export function decodeKey(value: string): Buffer | null {
  const buf = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return buf.length === 32 ? buf : null;
}

const DEV_API_TOKEN = 'dev-api-token-change-me';
const DEV_ENCRYPTION_KEY = '0'.repeat(63) + '1';
const DEV_WEBHOOK_SECRET = 'dev-webhook-secret-change-me';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PORT: port.default(3000),
    PUBLIC_URL: z.url().optional(),
    API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
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
    SETTINGS_ENCRYPTION_KEY: aesKey.optional(),
    WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
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
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['API_TOKEN', 'SETTINGS_ENCRYPTION_KEY', 'WEBHOOK_SECRET'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
  });

export type Env = ReturnType<typeof finish>;

function finish(e: z.infer<typeof schema>) {
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    ...e,
    PUBLIC_URL: publicUrl,
    API_TOKEN: e.API_TOKEN ?? DEV_API_TOKEN,
    SETTINGS_ENCRYPTION_KEY: e.SETTINGS_ENCRYPTION_KEY ?? DEV_ENCRYPTION_KEY,
    WEBHOOK_SECRET: e.WEBHOOK_SECRET ?? DEV_WEBHOOK_SECRET,
    TEMPORAL_ADDRESS_RESOLVED: e.TEMPORAL_ADDRESS ?? `localhost:${e.TEMPORAL_PORT}`,
    TEMPORAL_UI_URL: (e.TEMPORAL_UI_URL ?? `http://localhost:${e.TEMPORAL_UI_PORT}`).replace(/\/$/, ''),
    SIMULATOR_API_KEYS: e.SIMULATOR_API_KEYS?.split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  };
}

/** Thrown by loadEnv; `issues` names every bad variable at once. */
export class EnvError extends Error {
  constructor(readonly issues: { key: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.key}: ${i.message}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses the environment (default process.env). Empty strings count as unset. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((i) => ({ key: String(i.path[0] ?? '(root)'), message: i.message })),
    );
  }
  return finish(parsed.data);
}

/** loadEnv over process.env with some variables replaced (scripts that run the stack a particular way). */
export function loadEnvWith(overrides: Record<string, string>): Env {
  return loadEnv({ ...process.env, ...overrides });
}
