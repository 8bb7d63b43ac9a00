/**
 * How a version is named to readers. Most days have one version, named by its date; when a day
 * has several (`2026-12-01`, `2026-12-01-2`), each says which one it is, so no page, feed entry
 * or comparison heading names two different texts the same way.
 */
import { formatDate } from '../dates.ts';

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** The day of a version id (`2026-12-01-2` → `2026-12-01`). */
export const versionDay = (versionId: string): string => versionId.slice(0, 10);

/** 1 for `2026-12-01`, 2 for `2026-12-01-2`. */
export const sameDayNumber = (versionId: string): number => Number(versionId.slice(11) || 1);

/**
 * "December 1, 2026", or "December 1, 2026 (second version that day)" when `all` has another
 * version that day: it reads right wherever a date would ("the version of …", "changes on …").
 */
export function versionLabel(versionId: string, all: readonly { readonly version: string }[]): string {
  const day = versionDay(versionId);
  const date = formatDate(day);
  if (!all.some((other) => other.version !== versionId && versionDay(other.version) === day)) return date;
  const n = sameDayNumber(versionId);
  return `${date} (${ordinals[n - 1] ?? `version ${String(n)}`}${n <= ordinals.length ? ' version' : ''} that day)`;
}
