/**
 * Checking what a reader chose on the compare page: two versions, or a date. Shared by the
 * browser (compare page script) and the server (the on-demand route the forms submit to without
 * JavaScript), so both accept and refuse the same input with the same words (GOV.UK error messages:
 * say what to do, in plain words).
 */
import type { FieldError } from '../forms/field-error.ts';

/** The fields of the compare page's forms; each is also its control's id (the error summary links to it). */
export type CompareField = 'from' | 'to' | 'date';

export type PairChoice =
  | { readonly ok: true; readonly from: string; readonly to: string }
  | { readonly ok: false; readonly errors: FieldError<CompareField>[] };

/**
 * Check a "from"/"to" pair against the published version ids (oldest first). A pair given newest
 * first is turned round: comparing is always from the older to the newer version.
 */
export function choosePair(versionIds: readonly string[], from: string | null, to: string | null): PairChoice {
  const errors: FieldError<CompareField>[] = [];
  const fromIndex = from ? versionIds.indexOf(from) : -1;
  const toIndex = to ? versionIds.indexOf(to) : -1;
  if (fromIndex < 0) errors.push({ field: 'from', message: 'Choose the version to compare from' });
  if (toIndex < 0) errors.push({ field: 'to', message: 'Choose the version to compare with' });
  if (!errors.length && fromIndex === toIndex) {
    errors.push({ field: 'to', message: 'Choose two different versions to compare' });
  }
  if (errors.length) return { ok: false, errors };
  const [older, newer] = fromIndex < toIndex ? [from, to] : [to, from];
  return { ok: true, from: older as string, to: newer as string };
}

/** Check a date typed or picked as YYYY-MM-DD. Returns the day, or what to do. */
export function chooseDate(
  value: string | null,
): { ok: true; day: string } | { ok: false; errors: FieldError<CompareField>[] } {
  const day = (value ?? '').trim();
  if (!day) return { ok: false, errors: [{ field: 'date', message: 'Enter a date' }] };
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(day)) {
    return {
      ok: false,
      errors: [{ field: 'date', message: 'Enter a real date as year-month-day, for example 2025-01-15' }],
    };
  }
  return { ok: true, day };
}
