import type { StoreLogger } from '@kilde/store';

/** One captured log call. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that records instead of printing, so tests stay silent and can assert on logs. */
export function recordingLogger(): StoreLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (fields: Record<string, unknown>, message: string): void => {
      entries.push({ level, fields, message });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-03-01T12:00:00.000Z'): {
  now: () => Date;
  advance(ms: number): void;
  set(iso: string): void;
} {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
    set(iso: string) {
      current = Date.parse(iso);
    },
  };
}
