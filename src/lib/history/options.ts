import { formatDate } from '../dates.ts';

/**
 * The choices of the compare page's selects, newest first: each version by its date, with its
 * id when two versions share a day. Works on Version objects and on content-collection data.
 */
export function versionOptions(
  versions: readonly { readonly version: string; readonly lastModified: string }[],
): { version: string; label: string }[] {
  return [...versions].reverse().map((v) => {
    const shared = versions.filter((other) => other.lastModified === v.lastModified).length > 1;
    return { version: v.version, label: formatDate(v.lastModified) + (shared ? ` (version ${v.version})` : '') };
  });
}
