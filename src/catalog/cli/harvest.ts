// `npm run harvest -- <data.json file or URL>`: import a DCAT-US 1.1 catalog into the configured database
// (migrations applied first), with a progress bar on a terminal and a report at the end.
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { prepareDatabase } from '../../db/setup.js';
import { AppError } from '../../errors.js';
import { importCatalog } from '../harvest/import.js';
import { formatReport } from '../harvest/report.js';
import { readCatalog } from '../harvest/source.js';

const location = process.argv[2];
if (!location) {
  console.error('Usage: npm run harvest -- <data.json file or http(s) URL>');
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase({ url: config.database.url, pgliteDir: config.database.pgliteDir });
// The bar goes to stderr, and only to a terminal: piped or logged runs get the report alone.
const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'harvest [{bar}] {value}/{total} datasets' }, Presets.shades_classic) : null;
const started = performance.now();
let exitCode = 0;
try {
  await prepareDatabase(db, { seed: false, baseUrl: config.publicBaseUrl });
  const document = await readCatalog(location, config.harvest, { allowFiles: true });
  const report = await importCatalog(db.prisma, { kind: 'system', label: `harvest command line (${process.env.USER ?? 'unknown user'})` }, document, {
    onProgress: (done, total) => (bar?.isActive ? bar.update(done) : bar?.start(total, done)),
  });
  bar?.stop();
  console.log(formatReport(report, (performance.now() - started) / 1000));
} catch (error) {
  bar?.stop();
  if (!(error instanceof AppError)) throw error;
  console.error(`harvest failed: ${error.message}`);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
