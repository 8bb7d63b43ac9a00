/**
 * The typeface of the PDFs: Atkinson Hyperlegible (Braille Institute, SIL Open Font License 1.1,
 * which allows embedding), a sans-serif drawn for readers with low vision, shipped as TrueType by
 * the npm package @expo-google-fonts/atkinson-hyperlegible. Fonts come from npm, never from the
 * system, so every machine builds the same files; PDFKit embeds the subset it uses.
 *
 * Each font file is parsed once per process (fontkit, the parser PDFKit uses) and shared by
 * every PDF made in it: PDFKit would parse all four files again for each document. Shaping (the
 * glyphs and positions of a run of text) is remembered too, for the same reason: the PDF and the
 * large print of every version lay out mostly the same words. Each document still gets its own
 * subset of the glyphs it uses, so its bytes are those it would have on its own.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font, type GlyphRun } from 'fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

export const fontStyles: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

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

let parsed: Record<FontStyle, Font> | null = null;

/** The four fonts, parsed once per process, as PDFKit's `registerFont` takes them. */
export function sharedFonts(): Record<FontStyle, Font> {
  if (parsed) return parsed;
  const paths = fontFiles();
  const entries = fontStyles.map((style) => [style, rememberShaping(create(readFileSync(paths[style])))] as const);
  parsed = Object.fromEntries(entries) as Record<FontStyle, Font>;
  return parsed;
}

/** Parse the fonts again at next use, shaping forgotten (benchmarks measure a render from scratch with it). */
export function forgetSharedFonts(): void {
  parsed = null;
}

/**
 * `font` with its `layout` remembered. PDFKit scales the positions of the run it gets in place,
 * so every caller gets its own copy of the positions; the glyphs are fontkit's shared objects.
 */
function rememberShaping(font: Font): Font {
  const runs = new Map<string, GlyphRun>();
  const layout = (text: string, features?: unknown): GlyphRun => {
    const key = features === undefined ? text : `${text}\0${JSON.stringify(features)}`;
    let run = runs.get(key);
    if (!run) {
      run = font.layout(text, features);
      runs.set(key, run);
    }
    const copy: GlyphRun = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
    copy.positions = run.positions.map((position): object =>
      Object.assign(Object.create(Object.getPrototypeOf(position) as object) as object, position),
    );
    return copy;
  };
  return new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return layout;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
