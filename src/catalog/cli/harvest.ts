// `npm run harvest -- <data.json file or URL>`: import a DCAT-US 1.1 catalog into the configured database
// (pending migrations applied first). See harvest/command.ts.
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { prepareDatabase } from '../../db/setup.js';
import { runHarvestCommand } from '../harvest/command.js';

const location = process.argv[2];
if (!location) {
  console.error('Usage: npm run harvest -- <data.json file or http(s) URL>');
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase({ url: config.database.url, pgliteDir: config.database.pgliteDir });
let exitCode = 1;
try {
  await prepareDatabase(db, { seed: false, baseUrl: config.publicBaseUrl });
  const actor = { kind: 'system', label: `harvest command line (${process.env.USER ?? 'unknown user'})` } as const;
  exitCode = await runHarvestCommand(db.prisma, actor, location, config.harvest, process);
} finally {
  await db.close();
}
process.exit(exitCode);
