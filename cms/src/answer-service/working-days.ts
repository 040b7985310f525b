/**
 * Working days for response-time targets: Monday to Friday, counted in Oslo's calendar.
 * @remarks Public holidays are not subtracted (a target of 5 working days over Easter is then a
 * little strict, which errs on the side of the young person waiting).
 */
const DAY_MS = 86_400_000;

function osloDate(at: Date): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const [y, m, d] = parts.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** The instant `days` working days after `from` (same time of day, weekends skipped). */
export function addWorkingDays(from: Date, days: number): Date {
  let at = from.getTime();
  let left = days;
  while (left > 0) {
    at += DAY_MS;
    const { y, m, d } = osloDate(new Date(at));
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(at);
}

/** Whole working days from `from` to `to` (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  let count = 0;
  for (let at = from.getTime() + DAY_MS; at <= to.getTime(); at += DAY_MS) {
    const { y, m, d } = osloDate(new Date(at));
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}
