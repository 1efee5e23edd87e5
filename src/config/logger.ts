import pino, { Logger } from 'pino';

/** Creates the process logger; one per process, request ids are added per line. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
export type { Logger };
