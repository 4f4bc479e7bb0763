// Prisma CLI configuration (Prisma 7 reads the datasource URL from here, not from schema.prisma).
// Only the CLI reads this file; the service itself gets DATABASE_URL through lib/env.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/instantly_bridge' },
});
