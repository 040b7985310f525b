import type { Random } from './prng';

const second = 1000;
const day = 86_400 * second;

/** Generated content is published between these instants, so dates never depend on "now". */
export const corpusStart = Date.UTC(2022, 0, 1);
export const corpusEnd = Date.UTC(2026, 5, 30);

/** An instant `days` days after `from` at a random second of the working day (07–22 UTC). */
export function instantAfter(from: number, maxDays: number, rng: Random, minDays = 0): number {
  const midnight = Math.floor(from / day) * day;
  const at = midnight + rng.int(minDays, maxDays) * day + rng.int(7 * 3600, 22 * 3600 - 1) * second;
  return Math.min(Math.max(at, from), corpusEnd);
}

/** `2025-03-14T09:26:53Z` (no milliseconds: they would only be `.000`). */
export const isoDateTime = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Adds whole months to an ISO date, clamping to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
