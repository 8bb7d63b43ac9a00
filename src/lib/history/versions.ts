/**
 * What the history, changes and compare pages need to know about versions, computed once.
 */
import { diffVersions, type VersionDiff } from '../diff.ts';
import { getPolicies, previousVersion, type Policy, type Version } from '../policies.ts';

/** Where a version stands on the build day (docs/decisions/0001-versions.md). */
export type VersionState = 'current' | 'archived' | 'upcoming';

export function versionState(version: Version): VersionState {
  if (version.isCurrent) return 'current';
  return version.isUpcoming ? 'upcoming' : 'archived';
}

/** A comparison of two versions of one policy, older first. */
export interface Comparison {
  readonly policy: Policy;
  readonly from: Version;
  readonly to: Version;
  /** True when `from` is the version right before `to`: the comparison is `to`'s "what changed". */
  readonly consecutive: boolean;
  readonly diff: VersionDiff;
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
  return { policy, from, to, consecutive: previousVersion(policy, to) === from, diff };
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
export interface PairRoute {
  params: { policy: string; from: string; to: string };
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

/**
 * `/<policy>/compare/<from>/<to>/` for every pair that is not consecutive, so the compare form
 * leads to a precomputed page without JavaScript too. n versions give (n-1)(n-2)/2 pairs.
 */
export function pairRoutes(): PairRoute[] {
  return getPolicies().flatMap((policy) =>
    policy.versions.flatMap((from, i) =>
      policy.versions.slice(i + 2).map((to) => ({
        params: { policy: policy.id, from: from.version, to: to.version },
        props: { comparison: compareVersions(policy, from, to) },
      })),
    ),
  );
}
