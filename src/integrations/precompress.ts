/**
 * Astro integration: writes `file.br` (brotli, best) and `file.gz` (gzip, best) beside each page,
 * stylesheet, script and XML/JSON/SVG file of the build, once, at the end of the build. The Node
 * server sends them to clients that accept them (server/static-files.ts), nginx sends the `.gz`
 * (`gzip_static`): smaller than compressing on the fly at a speed-minded level, and no CPU per
 * request. Pagefind's files are compressed already and left alone.
 */
import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Worth it: text, at least a packet's worth (the server leaves smaller answers as they are). */
export function precompressible(file: string, size: number): boolean {
  return size >= 512 && /\.(?:html|css|js|xml|json|svg)$/.test(file);
}

export async function precompressFolder(dir: string): Promise<number> {
  let written = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const data = await readFile(file);
    if (!precompressible(file, data.length)) continue;
    const [br, gz] = await Promise.all([
      brotli(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
      gzipped(data, { level: 9 }),
    ]);
    await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
    written++;
  }
  return written;
}

export function precompress(): AstroIntegration {
  return {
    name: 'allwork:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const count = await precompressFolder(fileURLToPath(dir));
        logger.info(`wrote brotli and gzip copies of ${count} files`);
      },
    },
  };
}
