// Structured JSON logs (pino) on stdout, one object per line: client-supplied text is always a JSON string
// value, so it can never forge a log line. Lines written on a request's behalf carry its requestId: given
// explicitly (see http/request-log.ts), or at debug level taken from requestScope.
// Yoga logs every request at debug level: too costly to print in production, useful when chasing a problem.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = PinoLogger;

/** The request being handled, at debug level only (set by http/request-log.ts), for yoga's own lines. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** A logger at this level; tests pass a destination stream to read the lines. */
export function createLogger(level: LogLevel | 'silent', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined, // no pid/hostname on every line
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
