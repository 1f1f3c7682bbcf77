// Prisma CLI configuration (Prisma 7: the datasource URL lives here, not in schema.prisma).
// Only `prisma generate` is used on these machines; migrations go through src/db (see README).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/placeholder' },
});
