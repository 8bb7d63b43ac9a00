/**
 * The alternative-format files of a version, as the site publishes them: rendered (or taken
 * from the cache) once per build, shared by the file endpoints and by every page that lists
 * them, with the size and SHA-256 those pages print.
 */
import { createHash } from 'node:crypto';
import type { VersionRecord } from '../versions/record.ts';
import { site } from '../../site.config.ts';
import { glossaryFor } from '../render/supplements.ts';
import { cacheDir, readCached, renderAndStore, type RenderResult } from './cache.ts';
import { formatFileName, formats, type FormatId, type FormatRenderer } from './index.ts';
import { poolSize, RenderPool } from './pool.ts';
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
export function formatSource(version: VersionRecord, siteUrl: string | URL): FormatSource {
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
    keyPoints: version.keyPoints,
    glossary: glossaryFor(site.glossary, version.canonicalText, version.keyPoints),
  };
}

/** Folder URL of a version's files: the version's own page. */
export function versionFolder(version: Pick<VersionRecord, 'policy' | 'version'>): string {
  return `/${version.policy}/${version.version}/`;
}

const built = new Map<string, Promise<FormatFile[]>>();

/** The memo key of a version's files: its file and the site's origin, however the URL is written. */
function builtKey(version: VersionRecord, siteUrl: string | URL): string {
  return `${version.file}\0${new URL(String(siteUrl)).href}`;
}

/** Every format of one version, in display order. Rendered once per process and site URL. */
export function versionFiles(version: VersionRecord, siteUrl: string | URL): Promise<FormatFile[]> {
  const key = builtKey(version, siteUrl);
  let files = built.get(key);
  if (!files) {
    files = renderAll(version, siteUrl, renderPool());
    built.set(key, files);
  }
  return files;
}

/**
 * With the render pool on (`astro build`), start every version's files at once: the format
 * endpoint does this when Astro asks for its paths, so the workers are busy from the start
 * while the build waits for the first version's files. Without the pool it does nothing, and
 * each version is rendered when it is first asked for.
 */
export function queueVersionFiles(versions: readonly VersionRecord[], siteUrl: string | URL): void {
  if (!renderPool()) return;
  // Failures surface where a page or endpoint awaits that version; not here, unawaited.
  for (const version of versions) versionFiles(version, siteUrl).catch(() => undefined);
}

/** One format of one version. */
export async function versionFile(version: VersionRecord, siteUrl: string | URL, id: FormatId): Promise<FormatFile> {
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
  version: VersionRecord,
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
