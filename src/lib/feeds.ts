/**
 * Change feeds (Atom, RFC 4287) and the machine-readable index /versions.json.
 * One feed entry per published version, newest first. Substantive changes are first-class:
 * the entry title says "Substantive change" and the entry carries a category, so a reader or a
 * filter can tell them from editorial ones (as GOV.UK separates major and minor changes).
 */
import { formatDate } from './dates.ts';
import {
  canonicalTextUrl,
  changesUrl,
  compareUrl,
  historyUrl,
  keyListUrl,
  policyFeedUrl,
  signatureUrl,
  siteFeedUrl,
  timestampUrl,
  verifyUrl,
  versionsIndexUrl,
} from './routing/urls.ts';
import { newestFirst, versionState, type VersionState } from './history/versions.ts';
import { previousVersion, type Policy, type Version } from './versions/repository.ts';
import { site } from '../site.config.ts';

/** Escape text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/** A calendar day as an Atom date-time (midnight UTC; days carry no time zone here). */
const atomDate = (isoDay: string): string => `${isoDay}T00:00:00Z`;

const changeLabel = (version: Version, first: boolean): string =>
  first ? 'First published version' : version.change === 'substantive' ? 'Substantive change' : 'Editorial change';

/** The reader-facing summary of a version: its "what changed", or the first-version sentence. */
export function versionSummary(policy: Policy, version: Version): string {
  return previousVersion(policy, version) ? version.summary : 'This is the first published version.';
}

function entry(policy: Policy, version: Version, origin: string): string {
  const abs = (path: string): string => new URL(path, origin).href;
  const first = !previousVersion(policy, version);
  const label = changeLabel(version, first);
  const summary = versionSummary(policy, version);
  // An upcoming version is announced as soon as it is published, with the day it takes effect.
  const effective = version.isUpcoming
    ? `Takes effect on ${formatDate(version.effective)}; until then the current version applies.`
    : `Effective ${formatDate(version.effective)}.`;
  const changes = first ? null : abs(changesUrl(policy.id, version.version));
  const html =
    `<p>${xmlEscape(summary)}</p><p>${xmlEscape(effective)}</p>` +
    `<p><a href="${abs(version.url)}">Read this version</a>` +
    (changes ? ` · <a href="${changes}">See what changed</a>` : '') +
    '</p>';
  return [
    '  <entry>',
    `    <id>${xmlEscape(abs(version.url))}</id>`,
    `    <title>${xmlEscape(`${version.isUpcoming ? 'Upcoming, ' : ''}${label}: ${version.title}, ${version.label}`)}</title>`,
    `    <updated>${atomDate(version.lastModified)}</updated>`,
    `    <published>${atomDate(version.lastModified)}</published>`,
    `    <category term="${first ? 'first' : version.change}" label="${xmlEscape(label)}"/>`,
    `    <link rel="alternate" type="text/html" href="${xmlEscape(abs(version.url))}"/>`,
    ...(changes
      ? [`    <link rel="related" type="text/html" title="What changed" href="${xmlEscape(changes)}"/>`]
      : []),
    `    <summary type="text">${xmlEscape(`${summary} ${effective}`)}</summary>`,
    `    <content type="html">${xmlEscape(html)}</content>`,
    '  </entry>',
  ].join('\n');
}

interface FeedHead {
  readonly self: string;
  readonly alternate: string;
  readonly title: string;
  readonly subtitle: string;
}

function feed(head: FeedHead, entries: readonly { policy: Policy; version: Version }[], origin: string): string {
  const abs = (path: string): string => new URL(path, origin).href;
  const updated =
    entries
      .map((e) => e.version.lastModified)
      .sort()
      .at(-1) ?? '1970-01-01';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${xmlEscape(abs(head.self))}</id>`,
    `  <title>${xmlEscape(head.title)}</title>`,
    `  <subtitle>${xmlEscape(head.subtitle)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(abs(head.self))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(abs(head.alternate))}"/>`,
    `  <updated>${atomDate(updated)}</updated>`,
    `  <author><name>${xmlEscape(site.organization)}</name></author>`,
    ...entries.map((e) => entry(e.policy, e.version, origin)),
    '</feed>',
    '',
  ].join('\n');
}

/** Order entries newest first; on the same day, in the site's policy order. */
function byDate(entries: { policy: Policy; version: Version }[]): { policy: Policy; version: Version }[] {
  return entries.sort((x, y) =>
    x.version.lastModified < y.version.lastModified ? 1 : x.version.lastModified > y.version.lastModified ? -1 : 0,
  );
}

/** The Atom feed of one policy: `/<policy>/feed.xml`. `origin` is the site's canonical origin. */
export function policyFeed(policy: Policy, origin: string): string {
  return feed(
    {
      self: policyFeedUrl(policy.id),
      alternate: historyUrl(policy.id),
      title: `${policy.title}: versions`,
      subtitle: `Every published version of the ${policy.title}, newest first. Substantive changes are marked as such.`,
    },
    newestFirst(policy).map((version) => ({ policy, version })),
    origin,
  );
}

/** The Atom feed of every policy: `/feed.xml`. */
export function siteFeed(policies: readonly Policy[], origin: string): string {
  return feed(
    {
      self: siteFeedUrl,
      alternate: '/',
      title: `${site.siteName}: policy updates`,
      subtitle: `Every published version of ${site.organization}'s policies, newest first. Substantive changes are marked as such.`,
    },
    byDate(policies.flatMap((policy) => policy.versions.map((version) => ({ policy, version })))),
    origin,
  );
}

/** One version in /versions.json. */
export interface VersionsIndexEntry {
  readonly version: string;
  readonly title: string;
  readonly state: VersionState;
  readonly change: 'first' | 'substantive' | 'editorial';
  readonly summary: string;
  readonly lastModified: string;
  readonly effective: string;
  /** How pages name the version: its date, and which one when a day has several. */
  readonly label: string;
  /** Last day in force, or null while it is (or will be) in force, or when it was replaced on its own day. */
  readonly inForceUntil: string | null;
  /** Replaced by another version taking effect the same day: never in force for a whole day. */
  readonly replacedSameDay: boolean;
  readonly url: string;
  /** What changed against the previous version; null for the first. */
  readonly changesUrl: string | null;
  /** The canonical plain text (UTF-8) the fingerprint is computed from. */
  readonly textUrl: string;
  /** SHA-256 (hex) of the canonical plain text, UTF-8. */
  readonly sha256: string;
  /** How to check the signature and time-stamp, or that the version is not signed yet. */
  readonly verifyUrl: string;
  /** AllWork's SSH signature of the canonical text; null until it is signed. */
  readonly signatureUrl: string | null;
  /** The RFC 3161 time-stamp reply for the canonical text; null until it is time-stamped. */
  readonly timestampUrl: string | null;
  /** Fingerprint (`SHA256:…`) of the key that signed it, listed in `keys`; null until it is signed. */
  readonly keyFingerprint: string | null;
  /** When the time-stamping authority says the text existed (ISO 8601, UTC); null until then. */
  readonly timestampedAt: string | null;
}

export interface VersionsIndex {
  readonly site: string;
  readonly about: string;
  readonly feed: string;
  /** Every signing key with its validity period (ssh-keygen allowed_signers). */
  readonly keys: string;
  readonly policies: readonly {
    readonly id: string;
    readonly name: string;
    readonly title: string;
    readonly url: string;
    readonly history: string;
    readonly compare: string;
    readonly feed: string;
    readonly current: string;
    /** The published version still to take effect, if any. */
    readonly upcoming: string | null;
    /** Oldest first. */
    readonly versions: readonly VersionsIndexEntry[];
  }[];
}

/** The content of /versions.json. */
export function versionsIndex(policies: readonly Policy[], origin: string): VersionsIndex {
  const abs = (path: string): string => new URL(path, origin).href;
  return {
    site: abs('/'),
    about:
      `Every published version of each policy, oldest first. sha256 is the SHA-256 of the file at textUrl, ` +
      `the version's canonical plain text (UTF-8); it is also shown on the version page. Once signed, signatureUrl is ` +
      `AllWork's SSH signature of that file (key: keyFingerprint, listed in keys) and timestampUrl an RFC 3161 ` +
      `time-stamp of it; verifyUrl says how to check both. Index: ${abs(versionsIndexUrl)}.`,
    feed: abs(siteFeedUrl),
    keys: abs(keyListUrl),
    policies: policies.map((policy) => ({
      id: policy.id,
      name: policy.name,
      title: policy.title,
      url: abs(policy.url),
      history: abs(historyUrl(policy.id)),
      compare: abs(compareUrl(policy.id)),
      feed: abs(policyFeedUrl(policy.id)),
      current: policy.current.version,
      upcoming: policy.upcoming?.version ?? null,
      versions: policy.versions.map((version) => {
        const first = !previousVersion(policy, version);
        return {
          version: version.version,
          title: version.title,
          label: version.label,
          state: versionState(version),
          change: first ? 'first' : version.change,
          summary: versionSummary(policy, version),
          lastModified: version.lastModified,
          effective: version.effective,
          inForceUntil: version.inForceUntil,
          replacedSameDay: version.replacedSameDay,
          url: abs(version.url),
          changesUrl: first ? null : abs(changesUrl(policy.id, version.version)),
          textUrl: abs(canonicalTextUrl(policy.id, version.version)),
          sha256: version.sha256,
          verifyUrl: abs(verifyUrl(policy.id, version.version)),
          signatureUrl: version.evidence ? abs(signatureUrl(policy.id, version.version)) : null,
          timestampUrl: version.evidence ? abs(timestampUrl(policy.id, version.version)) : null,
          keyFingerprint: version.evidence?.fingerprint ?? null,
          timestampedAt: version.evidence?.genTime ?? null,
        };
      }),
    })),
  };
}
