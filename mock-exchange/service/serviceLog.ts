// Structured logs of the mock services: one JSON object a line on stderr (stdout carries only the "listening" line).
// Fields are counts, codes, issuer ids and control numbers: never a person's name, date of birth, SSN or address.

export type LogFields = Record<string, unknown>;

export interface ServiceLogger {
  info(event: string, fields?: LogFields): void;
  /** Something went wrong that the service handles itself (a retried delivery, a rejected interchange). */
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** `{"at":…,"service":"exchange","level":"warn","event":"edi834_delivery_failed",…}` lines through `write`. */
export function jsonLinesLogger(
  service: string,
  write: (line: string) => void = (line) => void process.stderr.write(line),
  now: () => Date = () => new Date(),
): ServiceLogger {
  const line = (level: string, event: string, fields: LogFields = {}): void =>
    write(`${JSON.stringify({ at: now().toISOString(), service, ...(level === 'info' ? {} : { level }), event, ...fields })}\n`);
  return {
    info: (event, fields) => line('info', event, fields),
    warn: (event, fields) => line('warn', event, fields),
    error: (event, fields) => line('error', event, fields),
  };
}

export const SILENT_LOGGER: ServiceLogger = { info: () => {}, warn: () => {}, error: () => {} };
