/**
 * The typeface of the PDFs: Atkinson Hyperlegible (Braille Institute, SIL Open Font License 1.1,
 * which allows embedding), a sans-serif drawn for readers with low vision, shipped as TrueType by
 * the npm package @expo-google-fonts/atkinson-hyperlegible. Fonts come from npm, never from the
 * system, so every machine builds the same files; PDFKit embeds the subset it uses.
 */
import { createRequire } from 'node:module';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const files: Record<FontStyle, string> = {
  regular: '400Regular/AtkinsonHyperlegible_400Regular.ttf',
  bold: '700Bold/AtkinsonHyperlegible_700Bold.ttf',
  italic: '400Regular_Italic/AtkinsonHyperlegible_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/AtkinsonHyperlegible_700Bold_Italic.ttf',
};

export const fontPackage = '@expo-google-fonts/atkinson-hyperlegible';

/** Absolute paths of the four TrueType files. */
export function fontFiles(): Record<FontStyle, string> {
  const require = createRequire(import.meta.url);
  const resolve = (file: string): string => require.resolve(`${fontPackage}/${file}`);
  return {
    regular: resolve(files.regular),
    bold: resolve(files.bold),
    italic: resolve(files.italic),
    boldItalic: resolve(files.boldItalic),
  };
}
