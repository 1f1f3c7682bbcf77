// A levelled console logger (LOG_LEVEL). Yoga logs every request at debug level: too costly to print
// in production, useful when chasing a problem.
const levels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof levels)[number];

export type Logger = Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;

export function createLogger(level: LogLevel): Logger {
  const threshold = levels.indexOf(level);
  const at = (name: LogLevel) => (levels.indexOf(name) >= threshold ? console[name].bind(console) : () => {});
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
