/**
 * Braille translation in-process with liblouis compiled to JavaScript (npm `liblouis`, which
 * loads `liblouis-build` and its bundled tables, en-ueb-g2 included). No system binary.
 *
 * We call the C function `lou_translateString` ourselves instead of the package's
 * `translateString`: that helper sizes the output buffer in bytes but tells liblouis it holds
 * that many 16-bit characters, so any output longer than its input (capital and number signs,
 * emphasis indicators) overruns the heap and aborts the process. It also cannot pass emphasis.
 *
 * Translation is the Braille file's whole cost (liblouis's multipass rules, in JavaScript), and
 * the versions of a policy share most of their paragraphs, so each translation is remembered for
 * the life of the process: a build translates a paragraph once, however many versions carry it.
 */
import { createRequire } from 'node:module';

/** The emscripten module underneath (only what we use). */
interface LiblouisCapi {
  _malloc(size: number): number;
  _free(pointer: number): void;
  stringToUTF16(text: string, pointer: number, maxBytes: number): void;
  setValue(pointer: number, value: number, type: 'i16' | 'i32'): void;
  getValue(pointer: number, type: 'i32'): number;
  HEAPU16: Uint16Array;
  ccall(name: string, returns: 'number', types: string[], args: (string | number)[]): number;
}

interface LiblouisEasyApi {
  capi: LiblouisCapi;
  version(): string;
  charSize(): number;
  setLogLevel(level: number): void;
  registerLogCallback(callback: ((level: number, message: string) => void) | null): void;
  enableOnDemandTableLoading(url: string | null): void;
}

/**
 * Unified English Braille grade 2 (contracted), written as North American ASCII Braille, the
 * character set of .brf files (one ASCII character per cell).
 */
export const uebGrade2Brf = 'tables/en-us-brf.dis,tables/en-ueb-g2.ctb';

/** Emphasis classes of the UEB tables, in their `emphclass` order: bit values for `typeform`. */
export const typeform = { plain: 0, italic: 1, bold: 4 } as const;

/** liblouis's log levels (liblouis.h): only errors reach our callback. */
const logLevelError = 40000;

let api: LiblouisEasyApi | null = null;
const errors: string[] = [];

function liblouis(): LiblouisEasyApi {
  if (api) return api;
  const require = createRequire(import.meta.url);
  // The emscripten build adds a process-wide 'uncaughtException' listener that rethrows; take it
  // away again so errors in the build keep Node's own handling and messages.
  const listeners = new Set(process.listeners('uncaughtException'));
  const loaded = require('liblouis') as LiblouisEasyApi;
  for (const listener of process.listeners('uncaughtException')) {
    if (!listeners.has(listener)) process.removeListener('uncaughtException', listener);
  }
  // Tables are read from liblouis-build's own folder, mounted into the emscripten file system.
  loaded.enableOnDemandTableLoading(null);
  // Keep liblouis quiet on stdout; its errors end up in the exception we throw. Below error level
  // it would still format every message it never shows.
  loaded.setLogLevel(logLevelError);
  loaded.registerLogCallback((level, message) => {
    if (level >= logLevelError) errors.push(message);
  });
  api = loaded;
  return loaded;
}

/** Version of the liblouis library in use, e.g. "3.2.0". */
export function liblouisVersion(): string {
  return liblouis().version();
}

/** Translations made so far, by table, text and emphasis. */
const translations = new Map<string, string>();
/** Enough for every paragraph of many versions; past it the memory is given back and refilled. */
const maxTranslations = 20_000;

/**
 * Translate `text` to Braille with `table`. `emphasis[i]` is the typeform of character i
 * (see `typeform`); omit it for plain text. UTF-16 build: one code unit per character.
 * The same arguments give the same Braille, so a repeated call is answered from memory.
 */
export function translate(table: string, text: string, emphasis?: readonly number[]): string {
  if (!text) return '';
  const key = `${table}\0${text}\0${emphasis ? emphasis.join(',') : 'none'}`;
  const known = translations.get(key);
  if (known !== undefined) return known;
  if (translations.size >= maxTranslations) translations.clear();
  const braille = translateNow(table, text, emphasis);
  translations.set(key, braille);
  return braille;
}

/** Forget every remembered translation (benchmarks measure translation itself with it). */
export function forgetTranslations(): void {
  translations.clear();
}

function translateNow(table: string, text: string, emphasis?: readonly number[]): string {
  const { capi } = liblouis();
  const inLength = text.length;
  // Contracted Braille is rarely longer than print, but indicators can make it so: be generous.
  const capacity = inLength * 4 + 64;
  const pointers: number[] = [];
  const alloc = (bytes: number): number => {
    const pointer = capi._malloc(bytes);
    pointers.push(pointer);
    return pointer;
  };
  try {
    const input = alloc((inLength + 1) * 2);
    capi.stringToUTF16(text, input, (inLength + 1) * 2);
    const output = alloc(capacity * 2);
    const inLengthPointer = alloc(4);
    const outLengthPointer = alloc(4);
    capi.setValue(inLengthPointer, inLength, 'i32');
    capi.setValue(outLengthPointer, capacity, 'i32');
    let typeforms = 0;
    if (emphasis) {
      // liblouis may write to the typeform buffer too, so give it the output's size.
      typeforms = alloc(capacity * 2);
      for (let i = 0; i < capacity; i++) capi.setValue(typeforms + 2 * i, i < inLength ? (emphasis[i] ?? 0) : 0, 'i16');
    }
    errors.length = 0;
    const ok = capi.ccall(
      'lou_translateString',
      'number',
      ['string', 'number', 'number', 'number', 'number', 'number', 'number', 'number'],
      [table, input, inLengthPointer, output, outLengthPointer, typeforms, 0, 0],
    );
    if (!ok) throw new Error(`liblouis could not translate with ${table}: ${errors.join('; ') || 'unknown error'}`);
    const length = capi.getValue(outLengthPointer, 'i32');
    const start = output >> 1;
    return new TextDecoder('utf-16le').decode(capi.HEAPU16.slice(start, start + length));
  } finally {
    for (const pointer of pointers) capi._free(pointer);
  }
}
