/** The part of fontkit (2.x, the font parser PDFKit uses) that fonts.ts calls; fontkit ships no types. */
declare module 'fontkit' {
  export interface GlyphRun {
    glyphs: unknown[];
    positions: object[];
  }
  export interface Font {
    readonly postscriptName: string;
    layout(text: string, features?: unknown): GlyphRun;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
