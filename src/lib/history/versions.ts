/**
 * What the history, changes and compare pages need to know about versions, computed once.
 */
import { diffVersions, type VersionDiff } from '../diff/index.ts';
import { getPolicies, previousVersion, type Policy, type Version } from '../policies.ts';

/** Where a version stands on the build day (docs/decisions/0001-versions.md). */
export type VersionState = 'current' | 'archived' | 'upcoming';

export function versionState(version: Version): VersionState {
  if (version.isCurrent) return 'current';
  return version.isUpcoming ? 'upcoming' : 'archived';
}

/** What a comparison shows about a version. Satisfied by `Version` and by content-collection data. */
export interface VersionInfo {
  readonly version: string;
  readonly title: string;
  readonly lastModified: string;
  readonly effective: string;
  readonly change: 'substantive' | 'editorial';
  readonly summary: string;
}

/** A comparison of two versions of one policy, older first. */
export interface Comparison {
  readonly policyId: string;
  readonly from: VersionInfo;
  readonly to: VersionInfo;
  /** The published versions after `from`, up to and including `to`: the revisions compared. */
  readonly span: readonly VersionInfo[];
  /** True when `from` is the version right before `to`: the comparison is `to`'s "what changed". */
  readonly consecutive: boolean;
  readonly diff: VersionDiff;
}

/** Build a comparison of `from` and `to` among `versions` (published, oldest first). */
export function makeComparison<V extends VersionInfo>(
  policyId: string,
  versions: readonly V[],
  from: V,
  to: V,
  diff: VersionDiff,
): Comparison {
  const span = versions.slice(versions.indexOf(from) + 1, versions.indexOf(to) + 1);
  return { policyId, from, to, span, consecutive: span.length === 1, diff };
}

const diffs = new Map<string, VersionDiff>();

/** Compare two versions (memoised: the build renders each comparison in several pages). */
export function compareVersions(policy: Policy, from: Version, to: Version): Comparison {
  const key = `${policy.id}/${from.version}/${to.version}`;
  let diff = diffs.get(key);
  if (!diff) {
    diff = diffVersions(from.document, to.document);
    diffs.set(key, diff);
  }
  return makeComparison(policy.id, policy.versions, from, to, diff);
}

/** What changed in `version` against its predecessor; null for the first published version. */
export function changesIn(policy: Policy, version: Version): Comparison | null {
  const previous = previousVersion(policy, version);
  return previous ? compareVersions(policy, previous, version) : null;
}

/** Versions newest first, as the history table and feeds list them. */
export function newestFirst(policy: Policy): Version[] {
  return [...policy.versions].reverse();
}

export interface ComparisonRoute {
  params: { policy: string; version: string };
  props: { comparison: Comparison };
}
/** `/<policy>/<version>/changes/` for every version but the first. */
export function changesRoutes(): ComparisonRoute[] {
  return getPolicies().flatMap((policy) =>
    policy.versions.flatMap((version) => {
      const comparison = changesIn(policy, version);
      return comparison ? [{ params: { policy: policy.id, version: version.version }, props: { comparison } }] : [];
    }),
  );
}
