// `npm run db:seed`: load the demo city catalog into an empty database (migrations applied first).
import { loadConfig } from '../../config.js';
import { openDatabase } from '../client.js';
import { prepareDatabase } from '../setup.js';

const config = loadConfig(process.env, { requireSecrets: false }); // no tokens here
const db = await openDatabase({ url: config.database.url, pgliteDir: config.database.pgliteDir });
try {
  const { seeded } = await prepareDatabase(db, { seed: true, baseUrl: config.publicBaseUrl, log: console.log });
  console.log(seeded ? 'Seeded.' : 'The database already has data; nothing seeded.');
} finally {
  await db.close();
}
