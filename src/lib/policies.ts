/**
 * The policies and their versions, loaded once per build and ordered.
 * What "current", "effective" and "in force" mean is recorded in docs/decisions/0001-versions.md.
 */
import path from 'node:path';
import { site, type PolicyInfo } from '../site.config.ts';
import { compareVersionIds, loadContent, type LoadedVersion } from './content/load.ts';
import { dayBefore, formatDate, today } from './dates.ts';

export interface Version extends LoadedVersion {
  /** Permanent URL of this version's page, e.g. `/privacy-policy/2024-04-25/`. */
  readonly url: string;
  /** Last day this version was in force (the day before its successor took effect), or null while it still is. */
  readonly inForceUntil: string | null;
  readonly isCurrent: boolean;
  /** Published but its effective date is still to come. */
  readonly isUpcoming: boolean;
}

export interface Policy extends PolicyInfo {
  /** Title of the current version. */
  readonly title: string;
  /** Published versions, oldest first. */
  readonly versions: readonly Version[];
  readonly current: Version;
  /** Drafts, not published on the site. */
  readonly drafts: readonly LoadedVersion[];
  readonly url: string;
}

/** Where content is read from: `CONTENT_DIR` (tests build the fixtures this way) or `content/policies`. */
export function contentDir(): string {
  return path.resolve(process.env.CONTENT_DIR ?? 'content/policies');
}

/**
 * Preview builds of a pull request (`PREVIEW_DRAFTS=1`) also build drafts, so reviewers can read a
 * draft and its changes before it is published. A draft is never current: it is shown as upcoming.
 */
export function previewDrafts(): boolean {
  return process.env.PREVIEW_DRAFTS === '1';
}

function buildPolicy(info: PolicyInfo, loaded: readonly LoadedVersion[], day: string): Policy | null {
  const mine = loaded.filter((v) => v.policy === info.id);
  // Published versions, and in preview builds the drafts too (each keeps its status).
  const published = mine
    .filter((v) => v.status === 'published' || previewDrafts())
    .sort((a, b) => compareVersionIds(a.version, b.version));
  if (!published.some((v) => v.status === 'published')) return null;
  // Current: the latest published version already in effect; if none is yet, the first one.
  const inEffect = published.filter((v) => v.effective <= day && v.status === 'published');
  const current = inEffect.at(-1) ?? published.find((v) => v.status === 'published');
  const versions: Version[] = published.map((v, index) => {
    const next = published[index + 1];
    return {
      ...v,
      url: `/${info.id}/${v.version}/`,
      inForceUntil: next && next.status === 'published' && next.effective <= day ? dayBefore(next.effective) : null,
      isCurrent: v === current,
      isUpcoming: v.effective > day || v.status === 'draft',
    };
  });
  const currentVersion = versions.find((v) => v.isCurrent) as Version;
  return {
    ...info,
    title: currentVersion.title,
    versions,
    current: currentVersion,
    drafts: mine.filter((v) => v.status === 'draft'),
    url: `/${info.id}/`,
  };
}

let cache: { key: string; policies: Policy[] } | null = null;

/** Every policy with at least one published version, in the order of the site settings. */
export function getPolicies(): Policy[] {
  const dir = contentDir();
  const day = today();
  const key = `${dir}|${day}|${previewDrafts()}`;
  if (cache?.key === key) return cache.policies;
  const loaded = loadContent(dir, { policies: site.policies.map((p) => p.id) });
  const policies = site.policies.map((info) => buildPolicy(info, loaded, day)).filter((p): p is Policy => p !== null);
  cache = { key, policies };
  return policies;
}

export function getPolicy(id: string): Policy {
  const policy = getPolicies().find((p) => p.id === id);
  if (!policy) throw new Error(`Unknown policy "${id}"`);
  return policy;
}

export function previousVersion(policy: Policy, version: Version): Version | undefined {
  return policy.versions[policy.versions.indexOf(version) - 1];
}

export function nextVersion(policy: Policy, version: Version): Version | undefined {
  return policy.versions[policy.versions.indexOf(version) + 1];
}

export type AsOfResult<V = Version> =
  { readonly found: true; readonly version: V } | { readonly found: false; readonly message: string };

/**
 * The version in force on `isoDay`: the latest published version whose effective date is on or before it.
 * Takes any list of versions (oldest first), so the on-demand "go to date" route can use it on collection data.
 */
export function versionInForce<V extends { readonly effective: string }>(
  policy: { readonly name: string; readonly versions: readonly V[] },
  isoDay: string,
): AsOfResult<V> {
  const candidates = policy.versions.filter((v) => v.effective <= isoDay);
  const version = candidates.at(-1);
  if (version) return { found: true, version };
  const first = policy.versions[0];
  return {
    found: false,
    message: `No version of the ${policy.name} was in force on ${formatDate(isoDay)}: the first version took effect on ${first ? formatDate(first.effective) : 'an unknown date'}.`,
  };
}
