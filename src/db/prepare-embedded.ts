// The embedded database is migrated (and seeded on first start) in a short-lived child process: PGlite's
// WebAssembly memory only ever grows, and seeding grows it by hundreds of MB that the server would
// otherwise keep for its whole life (a worker thread gave back less of it than a process). The server
// then opens the prepared folder afresh.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './client.js';
import { prepareDatabase, type PrepareOptions } from './setup.js';

type Job = Omit<PrepareOptions, 'log'> & { pgliteDir: string };
type Message = { log: string } | { done: { seeded: boolean } } | { failed: string };
const JOB_ENV = 'COD_PREPARE_EMBEDDED_JOB';

export function prepareEmbedded(job: Job, log: (message: string) => void): Promise<{ seeded: boolean }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, [JOB_ENV]: JSON.stringify(job) } });
    let result: { seeded: boolean } | undefined;
    let failure: string | undefined;
    child.on('message', (message: Message) => {
      if ('log' in message) log(message.log);
      else if ('done' in message) result = message.done;
      else failure = message.failed;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(failure ?? `database preparation exited with code ${code}`)),
    );
  });
}

const jobText = process.env[JOB_ENV];
if (jobText && process.send) {
  const { pgliteDir, ...options } = JSON.parse(jobText) as Job;
  const send = (message: Message) => process.send!(message);
  const db = await openDatabase({ pgliteDir });
  try {
    const { seeded } = await prepareDatabase(db, { ...options, log: (message) => send({ log: message }) });
    send({ done: { seeded } });
  } catch (error) {
    send({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    await db.close();
    process.disconnect();
  }
}
