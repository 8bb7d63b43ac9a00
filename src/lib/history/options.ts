/**
 * The choices of the compare page's selects, newest first, each named by its label ("April 25,
 * 2024"; "April 25, 2024 (second version that day, 2024-04-25-2)" when a day has two, so the
 * choice names the id too: src/lib/versions/labels.ts).
 */
import { versionDay } from '../versions/labels.ts';

export function versionOptions(
  versions: readonly { readonly version: string; readonly label: string }[],
): { version: string; label: string }[] {
  return [...versions].reverse().map((v) => {
    const shared = versions.some((o) => o.version !== v.version && versionDay(o.version) === versionDay(v.version));
    return { version: v.version, label: shared ? `${v.label.slice(0, -1)}, ${v.version})` : v.label };
  });
}
