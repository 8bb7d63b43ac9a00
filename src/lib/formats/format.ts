/**
 * The contract of an alternative-format renderer: a pure view of one version's document model
 * (see source.ts) that returns the file's bytes. One renderer per format, each in its own file.
 */
import type { FormatSource } from './source.ts';

export type FormatId = 'text' | 'markdown' | 'pdf' | 'large-print' | 'epub' | 'docx' | 'braille';

export interface FormatRenderer {
  readonly id: FormatId;
  /** What readers call it, e.g. "Large-print PDF". */
  readonly name: string;
  /** Short file kind shown beside the size, GOV.UK attachment style: "PDF, 143 KB". */
  readonly kind: string;
  /** Appended to `<policy>-<version>`: `.pdf`, `-large-print.pdf`. */
  readonly suffix: string;
  /** Content-Type of the file, as the server sends it and the download link's `type` says. */
  readonly mediaType: string;
  /** One sentence on who the format is for. */
  readonly description: string;
  /**
   * What shapes the output besides the source: files (relative to the project root) and npm
   * packages (by name; their installed version counts). Part of the cache key, so editing a
   * renderer or upgrading its library regenerates exactly that format.
   */
  readonly code: { readonly files: readonly string[]; readonly packages: readonly string[] };
  render(source: FormatSource): Promise<Uint8Array>;
}

/** Files every renderer depends on: the model, the shared source, the key points' and glossary's blocks. */
export const sharedCode = [
  'src/lib/document/model.ts',
  'src/lib/dates.ts',
  'src/lib/formats/source.ts',
  'src/lib/formats/format.ts',
  'src/lib/render/supplements.ts',
  'src/lib/render/glossary.ts',
  'src/lib/text.ts',
];
