// What `npm run harvest` does once the database is open: read the catalog, import it with a progress bar
// (stderr, terminals only: piped or logged runs get the report alone), print the report. Returns the exit code.
import { Presets, SingleBar } from 'cli-progress';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AuditActor } from '../../audit/service.js';
import { AppError } from '../../errors.js';
import { importCatalog } from './import.js';
import { formatReport } from './report.js';
import { readCatalog, type SourceLimits } from './source.js';

export interface CommandStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export async function runHarvestCommand(
  prisma: PrismaClient,
  actor: AuditActor,
  location: string,
  limits: SourceLimits,
  { stdout, stderr }: CommandStreams,
): Promise<number> {
  const bar = stderr.isTTY
    ? new SingleBar({ stream: stderr as NodeJS.WriteStream, format: 'harvest [{bar}] {value}/{total} datasets' }, Presets.shades_classic)
    : null;
  const started = performance.now();
  try {
    const document = await readCatalog(location, limits, { allowFiles: true });
    const report = await importCatalog(prisma, actor, document, {
      onProgress: (done, total) => (bar?.isActive ? bar.update(done) : bar?.start(total, done)),
    });
    bar?.stop();
    stdout.write(`${formatReport(report, (performance.now() - started) / 1000)}\n`);
    return 0;
  } catch (error) {
    bar?.stop();
    if (!(error instanceof AppError)) throw error;
    stderr.write(`harvest failed: ${error.message}\n`);
    return 1;
  }
}
