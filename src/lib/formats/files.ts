/**
 * The alternative-format files of a version, as the site publishes them: rendered (or taken
 * from the cache) once per build, shared by the file endpoints and by every page that lists
 * them, with the size and SHA-256 those pages print.
 */
import { createHash } from 'node:crypto';
import type { LoadedVersion } from '../content/load.ts';
import { site } from '../../site.config.ts';
import { cacheDir, readCached, renderAndStore, type RenderResult } from './cache.ts';
import { formatFileName, formats, type FormatId, type FormatRenderer } from './index.ts';
import { poolSize, RenderPool } from './pool.ts';
import { versionsWithFiles } from './routes.ts';
import { documentLanguage, type FormatSource } from './source.ts';

export interface FormatFile {
  readonly format: FormatRenderer;
  /** `privacy-policy-2024-04-25.pdf`. */
  readonly fileName: string;
  /** `/privacy-policy/2024-04-25/privacy-policy-2024-04-25.pdf`. */
  readonly url: string;
  readonly bytes: Uint8Array;
  readonly size: number;
  /** Lower-case hex. */
  readonly sha256: string;
}

/** What the renderers read for one version. `siteUrl` is the canonical origin (Astro's `site`). */
export function formatSource(version: LoadedVersion, siteUrl: string | URL): FormatSource {
  return {
    policy: version.policy,
    version: version.version,
    title: version.title,
    lastModified: version.lastModified,
    effective: version.effective,
    publisher: site.organization,
    permanentUrl: new URL(`/${version.policy}/${version.version}/`, siteUrl).href,
    language: documentLanguage,
    document: version.document,
  };
}

/** Folder URL of a version's files: the version's own page. */
export function versionFolder(version: Pick<LoadedVersion, 'policy' | 'version'>): string {
  return `/${version.policy}/${version.version}/`;
}

const built = new Map<string, Promise<FormatFile[]>>();
let queuedEveryVersion = false;

/**
 * Every format of one version, in display order. Rendered once per process and site URL. With
 * the render pool on (`astro build`), the first call queues every version's files, so the
 * workers are busy from the start while the build waits for the first version's.
 */
export function versionFiles(version: LoadedVersion, siteUrl: string | URL): Promise<FormatFile[]> {
  const workers = renderPool();
  if (workers && !queuedEveryVersion) {
    queuedEveryVersion = true;
    // Failures surface where a page or endpoint awaits that version; not here, unawaited.
    for (const other of versionsWithFiles()) versionFiles(other, siteUrl).catch(() => undefined);
  }
  const key = `${version.file}\0${String(siteUrl)}`;
  let files = built.get(key);
  if (!files) {
    files = renderAll(version, siteUrl, workers);
    built.set(key, files);
  }
  return files;
}

/** One format of one version. */
export async function versionFile(version: LoadedVersion, siteUrl: string | URL, id: FormatId): Promise<FormatFile> {
  const file = (await versionFiles(version, siteUrl)).find((candidate) => candidate.format.id === id);
  if (!file) throw new Error(`No ${id} file for ${version.policy} ${version.version}`);
  return file;
}

let pool: RenderPool | null | undefined;

/** The process's render pool, or null when files are rendered in this thread (FORMATS_WORKERS). */
function renderPool(): RenderPool | null {
  if (pool === undefined) {
    const size = poolSize();
    pool = size > 0 ? new RenderPool(size) : null;
  }
  return pool;
}

/** Worker threads this process has started for format files: none when every file was cached. */
export function formatWorkersStarted(): number {
  return pool?.started ?? 0;
}

async function renderAll(
  version: LoadedVersion,
  siteUrl: string | URL,
  workers: RenderPool | null,
): Promise<FormatFile[]> {
  const source = formatSource(version, siteUrl);
  const make = async (format: FormatRenderer): Promise<RenderResult> => {
    try {
      const cached = readCached(format, source);
      if (cached) return cached;
      if (workers) return await workers.render({ formatId: format.id, source, dir: cacheDir(), root: process.cwd() });
      return await renderAndStore(format, source);
    } catch (error) {
      throw new Error(`Could not make the ${format.name} of ${version.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  const results: RenderResult[] = [];
  if (workers) results.push(...(await Promise.all(formats.map(make))));
  // In this thread, one at a time: the renderers are CPU-bound, and the build machine is shared.
  else for (const format of formats) results.push(await make(format));
  const rendered = results.flatMap((result, index) =>
    result.cached ? [] : [`${formats[index]!.id} ${Math.round(result.ms)} ms`],
  );
  console.info(
    `\nformats ${version.policy}/${version.version}: ${results.length - rendered.length} from cache` +
      (rendered.length ? `, rendered ${rendered.join(', ')}` : ''),
  );
  return results.map((result, index) => {
    const format = formats[index]!;
    const fileName = formatFileName(version.policy, version.version, format);
    return {
      format,
      fileName,
      url: `${versionFolder(version)}${fileName}`,
      bytes: result.bytes,
      size: result.bytes.byteLength,
      sha256: createHash('sha256').update(result.bytes).digest('hex'),
    };
  });
}

/** "143 KB", GOV.UK attachment style: kilobytes (1,000 bytes) below a megabyte, then megabytes. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
