import type { Env } from '../lib/env';
import type { Logger } from '../lib/logger';
import type { PrismaClient } from '../lib/prisma';

/** Everything activities need, built once by the worker (or by a test) and injected into the factories. */
export interface ActivityDeps {
  prisma: PrismaClient;
  logger: Logger;
  env: Env;
}
