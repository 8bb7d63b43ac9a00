/**
 * Every prerendered route's static paths, computed here once so page files stay a few lines
 * (Starlight's utils/routing). They read the site's version repository (Astro code only).
 */
import { publishedKeyFiles, type KeyFile } from '../evidence/published.ts';
import type { VersionEvidence } from '../evidence/stored.ts';
import { formatFileName, formats, type FormatRenderer } from '../formats/index.ts';
import { changesIn, type Comparison } from '../history/versions.ts';
import { prerenderRepository } from '../versions/collection.ts';
import { contentDir } from '../versions/build-settings.ts';
import type { Policy, Version } from '../versions/repository.ts';

export interface PolicyRoute {
  params: { policy: string };
  props: { policy: Policy };
}
export interface VersionRoute {
  params: { policy: string; version: string };
  props: { policy: Policy; version: Version };
}
export interface ComparisonRoute {
  params: { policy: string; version: string };
  props: { policy: Policy; comparison: Comparison };
}
export interface SignedVersionRoute {
  params: { policy: string; version: string };
  props: { policy: Policy; version: Version; evidence: VersionEvidence };
}
export interface KeyFileRoute {
  params: { file: string };
  props: { file: KeyFile };
}
export interface FormatFileRoute {
  params: { policy: string; version: string; file: string };
  props: { policy: Policy; version: Version; format: FormatRenderer };
}

/** `/<policy>/…` pages: one per policy. */
export async function policyRoutes(): Promise<PolicyRoute[]> {
  return (await prerenderRepository()).policies.map((policy) => ({ params: { policy: policy.id }, props: { policy } }));
}

/** `/<policy>/<version>/…` pages: one per version. */
export async function versionRoutes(): Promise<VersionRoute[]> {
  return (await prerenderRepository()).policies.flatMap((policy) =>
    policy.versions.map((version) => ({
      params: { policy: policy.id, version: version.version },
      props: { policy, version },
    })),
  );
}

/** `/<policy>/<version>/changes/` (and `…/full/`) for every version but the first. */
export async function changesRoutes(): Promise<ComparisonRoute[]> {
  return (await prerenderRepository()).policies.flatMap((policy) =>
    policy.versions.flatMap((version) => {
      const comparison = changesIn(policy, version);
      return comparison
        ? [{ params: { policy: policy.id, version: version.version }, props: { policy, comparison } }]
        : [];
    }),
  );
}

/** `/<policy>/<version>/<policy>-<version><suffix>`: one per version and alternative format. */
export async function formatFileRoutes(): Promise<FormatFileRoute[]> {
  return (await versionRoutes()).flatMap(({ params, props }) =>
    formats.map((format) => ({
      params: { ...params, file: formatFileName(params.policy, params.version, format) },
      props: { ...props, format },
    })),
  );
}

/** `/<policy>/<version>/canonical.txt.sig` and `.tsr`: the versions that have their evidence. */
export async function signedVersionRoutes(): Promise<SignedVersionRoute[]> {
  return (await versionRoutes()).flatMap(({ params, props }) =>
    props.version.evidence ? [{ params, props: { ...props, evidence: props.version.evidence } }] : [],
  );
}

/** `/keys/<file>`: the key list and the authority's certificate (read from content/keys/ at build time). */
export function keyFileRoutes(): KeyFileRoute[] {
  return publishedKeyFiles(contentDir()).map((file) => ({ params: { file: file.name }, props: { file } }));
}
