// `npm run import -- <dataset identifier> <file.csv|file.geojson> [--mode APPEND|UPSERT|REPLACE]`: load a file
// into a dataset's records on the configured database (pending migrations applied first). See import-command.ts.
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { prepareDatabase } from '../../db/setup.js';
import { runImportCommand } from '../import-command.js';

const config = loadConfig(process.env, { requireSecrets: false });
const db = await openDatabase({ url: config.database.url, pgliteDir: config.database.pgliteDir });
let exitCode = 1;
try {
  await prepareDatabase(db, { seed: false, baseUrl: config.publicBaseUrl });
  const actor = { kind: 'system', label: `import command line (${process.env.USER ?? 'unknown user'})` } as const;
  exitCode = await runImportCommand(db, actor, process.argv.slice(2), process);
} finally {
  await db.close();
}
process.exit(exitCode);
