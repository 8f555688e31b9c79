import type { DestinationStream, Logger } from 'pino';
import { pino } from 'pino';
import type { AppLogger } from '@/api/deps';

/**
 * Keys whose values never reach a log line, wherever they sit (two levels deep): what a request or a
 * record may carry that names or reaches a person. The API logs ids and codes only (api/log); this is the
 * second guard, for a field someone adds later.
 */
const redactedKeys = [
  'email',
  'name',
  'password',
  'passwordHash',
  'note',
  'body',
  'text',
  'quote',
  'reason',
  'username',
  'credentials',
  'cookie',
  'authorization',
  'token',
  'message',
  'detail',
  'where',
];
const redactPaths = [
  ...redactedKeys,
  ...redactedKeys.map((k) => `*.${k}`),
  ...redactedKeys.map((k) => `*.*.${k}`),
  'req.headers.cookie',
  'req.headers.authorization',
];

/** The server's structured logger (JSON lines on standard output), `destination` for tests. */
export function createLogger(destination?: DestinationStream): Logger {
  return pino({ base: { service: 'privacy-console' }, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}

/** The API's logger interface over pino. */
export function appLogger(logger: Logger): AppLogger {
  return {
    error: (fields, message) => logger.error(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    info: (fields, message) => logger.info(fields, message),
  };
}
