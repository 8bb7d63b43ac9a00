/**
 * A version record: one content file, validated and parsed once, never changed afterwards.
 * Every view of a version (pages, feeds, formats, the CLI, on-demand comparisons) reads these
 * fields; none of them reads the file or parses its MDX again (docs/decisions/0010-version-repository.md).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { LoadedVersion } from '../content/load.ts';
import type { PolicyFrontmatter } from '../content/schema.ts';
import { documentText, type PolicyDocument } from '../document/model.ts';
import { textSha256 } from '../publishing/hash.ts';
import type { VersionEvidence } from '../evidence/stored.ts';
import type { Provenance } from '../publishing/provenance.ts';

export interface VersionRecord extends Omit<PolicyFrontmatter, 'sha256' | 'keyPoints'> {
  /**
   * Legal's non-binding key points, in order; empty when the version has none. Shown above the
   * text, never in it: not in the document model, the canonical text or its SHA-256.
   */
  readonly keyPoints: readonly string[];
  /** Policy id, the folder name, e.g. `privacy-policy`. */
  readonly policy: string;
  /** Path of the content file relative to the project root, as printed in errors. */
  readonly file: string;
  /** The text as a document model: headings with stable ids, paragraphs, lists, notices, links. */
  readonly document: PolicyDocument;
  /** The canonical plain text (`documentText`): what the SHA-256 is computed from and `canonical.txt` serves. */
  readonly canonicalText: string;
  /** Lower-case hex SHA-256 of `canonicalText` as UTF-8. */
  readonly sha256: string;
  /** The commit that published the version, when the build could read git; null where nobody asked (the CLI). */
  readonly provenance: Provenance | null;
  /** Signature and time-stamp token of the canonical text, checked when loaded; null until it is signed. */
  readonly evidence: VersionEvidence | null;
}

/** Deep-freeze plain data, so a record handed to one renderer cannot be changed under another. */
function freeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freeze(child);
  }
  return value;
}

/** The record of a loaded content file. */
export function toRecord(loaded: LoadedVersion, provenance: Provenance | null = null): VersionRecord {
  // Named fields, not a spread: the MDX body and the front matter's declared hash stay behind.
  const { policy, file, document, title, version, lastModified, effective, status, change, summary, evidence } = loaded;
  return freeze({
    keyPoints: loaded.keyPoints ?? [],
    policy,
    file,
    title,
    version,
    lastModified,
    effective,
    status,
    change,
    summary,
    document,
    canonicalText: documentText(document),
    sha256: textSha256(document),
    provenance,
    evidence: evidence ?? null,
  });
}

/**
 * A record as the content collection stores it: the document model as gzipped JSON in base64.
 * Astro bundles the whole data store into the server as JavaScript source, which Vite and Rollup
 * parse, transform and scan like any module: a model as nested objects is tens of thousands of
 * nodes per version, and even as a JSON string about 30 KB of source per version; compressed it
 * is about a seventh of that (most of a cached build's time at 30 versions was spent there).
 * The canonical text is not stored: it is `documentText` of the model, recomputed when read back.
 */
export interface StoredRecord extends Omit<VersionRecord, 'document' | 'canonicalText'> {
  /** The document model: JSON, gzipped, base64. */
  readonly documentGzip: string;
}

/** The record with the provenance the build read from git, as the content collection stores it. */
export function toStored(record: VersionRecord, provenance: Provenance | null): Record<string, unknown> & StoredRecord {
  const { policy, file, title, version, lastModified, effective, status, change, summary, sha256, evidence } = record;
  const { keyPoints } = record;
  const fields = {
    policy,
    file,
    title,
    version,
    lastModified,
    effective,
    status,
    change,
    summary,
    keyPoints,
    sha256,
    evidence,
  };
  return { ...fields, provenance, documentGzip: gzipSync(JSON.stringify(record.document)).toString('base64') };
}

/** A record as stored (the content collection's data store) and read back: complete again. */
export function fromStored(stored: StoredRecord): VersionRecord {
  const { documentGzip, ...rest } = stored;
  const document = JSON.parse(gunzipSync(Buffer.from(documentGzip, 'base64')).toString('utf8')) as PolicyDocument;
  return freeze({ ...rest, document, canonicalText: documentText(document) });
}
