/**
 * Comparisons of two versions, for the changes pages, the history and the on-demand pair pages.
 */
import { diffVersions, type VersionDiff } from '../diff/index.ts';
import { previousVersion, type Policy, type Version } from '../versions/repository.ts';

/** Where a version stands on the build day (docs/decisions/0001-versions.md). */
export type VersionState = 'current' | 'archived' | 'upcoming';

export function versionState(version: Pick<Version, 'isCurrent' | 'isUpcoming'>): VersionState {
  if (version.isCurrent) return 'current';
  return version.isUpcoming ? 'upcoming' : 'archived';
}

/** A comparison of two versions of one policy, older first. */
export interface Comparison {
  readonly policyId: string;
  readonly from: Version;
  readonly to: Version;
  /** The published versions after `from`, up to and including `to`: the revisions compared. */
  readonly span: readonly Version[];
  /** True when `from` is the version right before `to`: the comparison is `to`'s "what changed". */
  readonly consecutive: boolean;
  readonly diff: VersionDiff;
}

// Diffs already computed, oldest first. The build renders each comparison in several pages
// (sections, full, feeds); the server keeps recent on-demand ones. The bound keeps memory flat.
const diffs = new Map<string, VersionDiff>();
const cacheSize = 512;

function diffOf(policyId: string, from: Version, to: Version): VersionDiff {
  const key = `${policyId}/${from.version}/${to.version}`;
  let diff = diffs.get(key);
  if (diff) {
    diffs.delete(key);
  } else {
    diff = diffVersions(from.document, to.document);
    if (diffs.size >= cacheSize) diffs.delete(diffs.keys().next().value as string);
  }
  diffs.set(key, diff);
  return diff;
}

/** Compare two versions of `policy` (`from` older than `to`). */
export function compareVersions(policy: Pick<Policy, 'id' | 'versions'>, from: Version, to: Version): Comparison {
  const span = policy.versions.slice(policy.versions.indexOf(from) + 1, policy.versions.indexOf(to) + 1);
  return { policyId: policy.id, from, to, span, consecutive: span.length === 1, diff: diffOf(policy.id, from, to) };
}

/** What changed in `version` against its predecessor; null for the first version. */
export function changesIn(policy: Policy, version: Version): Comparison | null {
  const previous = previousVersion(policy, version);
  return previous ? compareVersions(policy, previous, version) : null;
}

/** Versions newest first, as the history table and feeds list them. */
export function newestFirst(policy: Pick<Policy, 'versions'>): Version[] {
  return [...policy.versions].reverse();
}
