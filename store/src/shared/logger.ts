/**
 * The logging surface `@kilde/store` needs; a pino logger satisfies it.
 * @remarks Structured fields first, message second (pino's order), so log lines stay queryable.
 * Never pass document content in the fields: logs outlive unpublished content.
 */
export interface StoreLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const noop = (): void => undefined;

/** A logger that drops everything; the default where logging is optional. */
export const silentLogger: StoreLogger = { debug: noop, info: noop, warn: noop, error: noop };
