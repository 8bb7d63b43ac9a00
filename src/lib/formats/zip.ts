/**
 * A reproducible ZIP container for EPUB and DOCX: entries in the given order, every timestamp
 * the version's own date, so the same version always gives the same bytes (and SHA-256).
 */
import { zipSync, strToU8, type Zippable } from 'fflate';

export interface ZipEntry {
  readonly path: string;
  readonly data: string | Uint8Array;
  /** Store without compression (EPUB requires it for `mimetype`). */
  readonly stored?: boolean;
}

export function zip(entries: readonly ZipEntry[], date: Date): Uint8Array {
  // ZIP stores local date and time fields, read by fflate from a Date in the machine's time zone:
  // build that Date from the UTC day so every time zone writes the same bytes.
  const mtime = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const files: Zippable = {};
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? strToU8(entry.data) : entry.data;
    files[entry.path] = [data, { level: entry.stored ? 0 : 9, mtime }];
  }
  return zipSync(files);
}
