/**
 * The one version repository: every published version of every policy, ordered, with the
 * lookups the site, the CLI and the checks need (by id, previous/next, current, in force on a
 * date). It is built from version records, wherever they were read (content files for the CLI
 * and tests, the content collection inside Astro), so every caller applies the same rules.
 * What "current", "effective" and "in force" mean: docs/decisions/0001-versions.md.
 */
import type { PolicyInfo } from '../../site.config.ts';
import { compareVersionIds } from '../content/load.ts';
import { dayBefore, formatDate } from '../dates.ts';
import { versionUrl, policyUrl } from '../routing/urls.ts';
import { versionLabel } from './labels.ts';
import type { VersionRecord } from './record.ts';

export interface Version extends VersionRecord {
  /** Permanent URL of this version's page, e.g. `/privacy-policy/2024-04-25/`. */
  readonly url: string;
  /** How pages name the version: "April 25, 2024", or "second version of April 25, 2024" when a day has two. */
  readonly label: string;
  /**
   * Last day this version was in force (the day before its successor took effect), or null while
   * it still is. A version replaced on its own effective day has none: see `replacedSameDay`.
   */
  readonly inForceUntil: string | null;
  /** Its successor took effect on the same day, so it was never in force for a whole day. */
  readonly replacedSameDay: boolean;
  readonly isCurrent: boolean;
  /** Published but its effective date is still to come (or a draft, in preview builds). */
  readonly isUpcoming: boolean;
}

export interface Policy extends PolicyInfo {
  /** Title of the current version. */
  readonly title: string;
  /** Published versions (and drafts, in preview builds), oldest first. */
  readonly versions: readonly Version[];
  readonly current: Version;
  /** The next published version still to take effect, if any: the current page announces it. */
  readonly upcoming: Version | null;
  /** Drafts, not published on the site (except in preview builds). */
  readonly drafts: readonly VersionRecord[];
  readonly url: string;
}

export interface RepositoryOptions {
  /** The policies the site publishes, in the order it lists them. */
  readonly policies: readonly PolicyInfo[];
  /** YYYY-MM-DD: the day the build (or the request) treats as today. */
  readonly today: string;
  /** Preview builds of a pull request also show drafts, each marked as such. */
  readonly previewDrafts?: boolean;
}

export type AsOfResult<V = Version> =
  { readonly found: true; readonly version: V } | { readonly found: false; readonly message: string };

/**
 * The version in force on `isoDay`: the last published version (in version order) whose
 * effective date is on or before it. Generic so the compare form can use it on any list.
 */
export function versionInForce<V extends { readonly effective: string }>(
  policy: { readonly name: string; readonly versions: readonly V[] },
  isoDay: string,
): AsOfResult<V> {
  const version = policy.versions.filter((v) => v.effective <= isoDay).at(-1);
  if (version) return { found: true, version };
  const first = policy.versions[0];
  return {
    found: false,
    message: `No version of the ${policy.name} was in force on ${formatDate(isoDay)}: the first version took effect on ${first ? formatDate(first.effective) : 'an unknown date'}.`,
  };
}

/** The version before `version` in its policy, or undefined for the first. */
export function previousVersion(policy: Pick<Policy, 'versions'>, version: Version): Version | undefined {
  const index = policy.versions.indexOf(version);
  return index > 0 ? policy.versions[index - 1] : undefined;
}

/** The version after `version` in its policy, or undefined for the last. */
export function nextVersion(policy: Pick<Policy, 'versions'>, version: Version): Version | undefined {
  const index = policy.versions.indexOf(version);
  return index < 0 ? undefined : policy.versions[index + 1];
}

function buildPolicy(info: PolicyInfo, records: readonly VersionRecord[], options: RepositoryOptions): Policy | null {
  const day = options.today;
  const mine = records.filter((v) => v.policy === info.id).sort((a, b) => compareVersionIds(a.version, b.version));
  const shown = mine.filter((v) => v.status === 'published' || options.previewDrafts === true);
  const published = shown.filter((v) => v.status === 'published');
  if (published.length === 0) return null;
  // Current: the latest published version already in effect; if none is yet, the first one.
  const current = published.filter((v) => v.effective <= day).at(-1) ?? published[0];
  const versions: Version[] = shown.map((v, index) => {
    // The successor that ends this version's time in force: the next published one in effect today.
    const next = shown.slice(index + 1).find((n) => n.status === 'published');
    const ended = next !== undefined && next.effective <= day && v.status === 'published';
    const replacedSameDay = ended && next.effective <= v.effective;
    return Object.freeze({
      ...v,
      url: versionUrl(info.id, v.version),
      label: versionLabel(v.version, shown),
      inForceUntil: ended && !replacedSameDay ? dayBefore(next.effective) : null,
      replacedSameDay,
      isCurrent: v === current,
      isUpcoming: v.status === 'draft' || v.effective > day,
    });
  });
  const currentVersion = versions.find((v) => v.isCurrent) as Version;
  const upcoming = versions.find((v) => v.status === 'published' && v.isUpcoming && v !== currentVersion) ?? null;
  return Object.freeze({
    ...info,
    title: currentVersion.title,
    versions: Object.freeze(versions),
    current: currentVersion,
    upcoming,
    drafts: Object.freeze(mine.filter((v) => v.status === 'draft')),
    url: policyUrl(info.id),
  });
}

export class VersionRepository {
  /** Every policy with at least one published version, in the order of the site settings. */
  readonly policies: readonly Policy[];
  readonly today: string;
  readonly #byId = new Map<string, Policy>();

  constructor(records: readonly VersionRecord[], options: RepositoryOptions) {
    this.today = options.today;
    this.policies = Object.freeze(
      options.policies.map((info) => buildPolicy(info, records, options)).filter((p): p is Policy => p !== null),
    );
    for (const policy of this.policies) this.#byId.set(policy.id, policy);
  }

  /** The policy with this id, or undefined (a URL naming no policy). */
  find(policyId: string | undefined): Policy | undefined {
    return policyId === undefined ? undefined : this.#byId.get(policyId);
  }

  /** The policy with this id; throws for an id the site does not publish (a programming error). */
  policy(policyId: string): Policy {
    const policy = this.find(policyId);
    if (!policy) throw new Error(`Unknown policy "${policyId}"`);
    return policy;
  }

  /** A version by policy and version id, or undefined. */
  version(policyId: string, versionId: string): Version | undefined {
    return this.find(policyId)?.versions.find((v) => v.version === versionId);
  }

  previous(version: Version): Version | undefined {
    return previousVersion(this.policy(version.policy), version);
  }

  next(version: Version): Version | undefined {
    return nextVersion(this.policy(version.policy), version);
  }

  /** The published version of a policy in force on a day (see versionInForce). */
  inForce(policyId: string, isoDay: string): AsOfResult {
    const policy = this.policy(policyId);
    return versionInForce(
      { name: policy.name, versions: policy.versions.filter((v) => v.status === 'published') },
      isoDay,
    );
  }
}
