import type { Client } from '@temporalio/client';
import type { Env } from '../lib/env';
import type { InstantlyAccounts } from '../lib/instantly-accounts';
import type { Logger } from '../lib/logger';
import type { HostResolver } from '../lib/outbound/target';
import type { PrismaClient } from '../lib/prisma';

/** What the HTTP layer needs. Tests pass real or fake objects to createApp. */
export interface ApiDeps {
  prisma: PrismaClient;
  temporal: Client;
  env: Env;
  logger: Logger;
  instantly: InstantlyAccounts;
  /** Name resolution for subscription targets (default: the OS resolver); tests inject one. */
  resolveHost?: HostResolver;
}
