// A logger whose JSON lines tests can read.
import { Writable } from 'node:stream';
import { createLogger, type LogLevel } from '../../src/infra/logger.js';

export function captureLogs(level: LogLevel = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, destination), lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, any>) };
}
