import type { Client } from '@temporalio/client';
import type { Env } from '../lib/env';
import type { InstantlyAccounts } from '../lib/instantly-accounts';
import type { Logger } from '../lib/logger';
import type { HostResolver } from '../lib/outbound/target';
import type { PrismaClient } from '../lib/prisma';

/** Everything activities need, built once by the worker (or by a test) and injected into the factories. */
export interface ActivityDeps {
  prisma: PrismaClient;
  logger: Logger;
  env: Env;
  instantly: InstantlyAccounts;
  /** For activities that signal or start workflows (e.g. delivering to the engagement workflow). */
  temporal?: Client;
  /** Name resolution for subscriber deliveries (default: the OS resolver); tests inject one. */
  resolveHost?: HostResolver;
}
