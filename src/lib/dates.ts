/** Dates are calendar days (YYYY-MM-DD) with no time zone: a policy is in force for whole days. */

const longFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** "April 25, 2024", as legal prints it. */
export function formatDate(isoDay: string): string {
  return longFormat.format(new Date(`${isoDay}T00:00:00Z`));
}

const timeFormat = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'long',
  timeStyle: 'long',
  timeZone: 'UTC',
  hourCycle: 'h23',
});

/** "December 1, 2026 at 23:05:12 UTC": an instant (a time-stamp), always in UTC. */
export function formatInstant(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** Today in UTC as YYYY-MM-DD; `BUILD_DATE` overrides it so builds and tests are reproducible. */
export function today(): string {
  const override = process.env.BUILD_DATE;
  if (override && /^\d{4}-\d{2}-\d{2}$/.test(override)) return override;
  return new Date().toISOString().slice(0, 10);
}

/** The day before `isoDay`. */
export function dayBefore(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
