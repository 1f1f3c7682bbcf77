// `npm run db:migrate`: apply committed migrations to DATABASE_URL (or the embedded database).
import { loadConfig } from '../../config.js';
import { openDatabase } from '../client.js';
import { applyMigrations } from '../migrate.js';

const config = loadConfig(process.env, { requireSecrets: false }); // no tokens here
const db = await openDatabase({ url: config.database.url, pgliteDir: config.database.pgliteDir });
try {
  const applied = await db.withSession((session) => applyMigrations(session, console.log));
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Database is up to date.');
} finally {
  await db.close();
}
