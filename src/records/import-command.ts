// What `npm run import` does once the database is open: stream the file into importRecords with a progress
// bar (stderr, terminals only), then print what the import did, or every reported problem. Returns the exit code.
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Database } from '../db/client.js';
import type { AuditActor } from '../audit/service.js';
import { AppError, ValidationError } from '../errors.js';
import { ImportMode } from '../generated/prisma/enums.js';
import { importRecords } from './ingest.js';

export interface ImportCommandStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export const IMPORT_USAGE = 'Usage: npm run import -- <dataset identifier> <file.csv|file.geojson> [--mode APPEND|UPSERT|REPLACE]';

export function parseImportArguments(argv: string[]): { identifier: string; file: string; mode: ImportMode } | null {
  const positional: string[] = [];
  let mode: ImportMode = ImportMode.APPEND;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--mode' || arg.startsWith('--mode=')) {
      const value = (arg.includes('=') ? arg.split('=')[1] : argv[++i])?.toUpperCase();
      if (!value || !(value in ImportMode)) return null;
      mode = value as ImportMode;
    } else positional.push(arg);
  }
  return positional.length === 2 ? { identifier: positional[0]!, file: positional[1]!, mode } : null;
}

export async function runImportCommand(db: Database, actor: AuditActor, argv: string[], { stdout, stderr }: ImportCommandStreams): Promise<number> {
  const args = parseImportArguments(argv);
  if (!args) {
    stderr.write(`${IMPORT_USAGE}\n`);
    return 2;
  }
  const dataset = await db.prisma.dataset.findUnique({ where: { identifier: args.identifier } });
  if (!dataset) {
    stderr.write(`import failed: no dataset "${args.identifier}"\n`);
    return 1;
  }
  const size = statSync(args.file).size;
  // Progress is read from bytesRead: a 'data' listener would start the stream flowing before the import reads it.
  const stream = createReadStream(args.file);
  const bar = stderr.isTTY
    ? new SingleBar({ stream: stderr as NodeJS.WriteStream, format: 'import [{bar}] {percentage}% | {rows} rows' }, Presets.shades_classic)
    : null;
  bar?.start(size, 0, { rows: 0 });
  const started = performance.now();
  try {
    const outcome = await importRecords(db, actor, dataset.id, { name: path.basename(args.file), stream }, {
      mode: args.mode,
      expectedVersion: dataset.version,
      onProgress: (rows) => bar?.update(stream.bytesRead, { rows }),
    });
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    const rows = outcome.inserted + outcome.updated;
    stdout.write(
      `${args.mode} ${args.identifier}: ${outcome.inserted} inserted, ${outcome.updated} updated, ${outcome.deleted} deleted ` +
        `in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s); version ${outcome.version}, batch ${outcome.batchId}, change ${outcome.changeSequence}\n`,
    );
    return 0;
  } catch (error) {
    bar?.stop();
    if (!(error instanceof AppError)) throw error;
    stderr.write(`import failed, nothing was written: ${error instanceof ValidationError ? '' : error.message}\n`);
    if (error instanceof ValidationError) for (const problem of error.problems) stderr.write(`  ${problem.path.join('.')}: ${problem.message}\n`);
    return 1;
  }
}
