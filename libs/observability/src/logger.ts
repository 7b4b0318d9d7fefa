import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches a log line: names, dates of birth,
 * addresses, contact details and raw bodies are redacted wherever they appear in a logged object.
 */
export const REDACT_PATHS = [
  '*.firstName', '*.lastName', '*.middleName', '*.dateOfBirth', '*.address', '*.contact', '*.nationalInsuranceNumber',
  '*.personDetails', '*.personDefendant', '*.rawBody', '*.body', '*.payload', '*.document', 'req.headers.authorization',
  'req.headers["x-api-key"]',
];

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: name } });
}

export type { Logger };
