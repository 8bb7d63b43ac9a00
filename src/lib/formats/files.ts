/**
 * The alternative-format files of a version, as the site publishes them: rendered (or taken
 * from the cache) once per build, shared by the file endpoints and by every page that lists
 * them, with the size and SHA-256 those pages print.
 */
import { createHash } from 'node:crypto';
import type { VersionRecord } from '../versions/record.ts';
import { site } from '../../site.config.ts';
import { renderCached } from './cache.ts';
import { formatFileName, formats, type FormatId, type FormatRenderer } from './index.ts';
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
  };
}

/** Folder URL of a version's files: the version's own page. */
export function versionFolder(version: Pick<VersionRecord, 'policy' | 'version'>): string {
  return `/${version.policy}/${version.version}/`;
}

const built = new Map<string, Promise<FormatFile[]>>();

/** Every format of one version, in display order. Rendered once per process and site URL. */
export function versionFiles(version: VersionRecord, siteUrl: string | URL): Promise<FormatFile[]> {
  const key = `${version.file}\0${String(siteUrl)}`;
  let files = built.get(key);
  if (!files) {
    files = renderAll(version, siteUrl);
    built.set(key, files);
  }
  return files;
}

/** One format of one version. */
export async function versionFile(version: VersionRecord, siteUrl: string | URL, id: FormatId): Promise<FormatFile> {
  const file = (await versionFiles(version, siteUrl)).find((candidate) => candidate.format.id === id);
  if (!file) throw new Error(`No ${id} file for ${version.policy} ${version.version}`);
  return file;
}

async function renderAll(version: VersionRecord, siteUrl: string | URL): Promise<FormatFile[]> {
  const source = formatSource(version, siteUrl);
  const files: FormatFile[] = [];
  const rendered: string[] = [];
  let fromCache = 0;
  // One at a time: the renderers are CPU-bound, and the build machine is shared.
  for (const format of formats) {
    let result;
    try {
      result = await renderCached(format, source);
    } catch (error) {
      throw new Error(`Could not make the ${format.name} of ${version.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (result.cached) fromCache++;
    else rendered.push(`${format.id} ${Math.round(result.ms)} ms`);
    const fileName = formatFileName(version.policy, version.version, format);
    files.push({
      format,
      fileName,
      url: `${versionFolder(version)}${fileName}`,
      bytes: result.bytes,
      size: result.bytes.byteLength,
      sha256: createHash('sha256').update(result.bytes).digest('hex'),
    });
  }
  console.info(
    `\nformats ${version.policy}/${version.version}: ${fromCache} from cache` +
      (rendered.length ? `, rendered ${rendered.join(', ')}` : ''),
  );
  return files;
}

/** "143 KB", GOV.UK attachment style: kilobytes (1,000 bytes) below a megabyte, then megabytes. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
