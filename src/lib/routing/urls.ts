/**
 * Every address the site publishes, computed here and nowhere else, so pages, feeds,
 * versions.json, the server's redirects and the compare page's script agree (as Starlight's
 * utils/routing). Pure functions with no Node imports: the browser script uses them too.
 * Every one of them is permanent: see docs/decisions/0001-versions.md.
 */

/** `/privacy-policy/`: a policy's current version. */
export const policyUrl = (policyId: string): string => `/${policyId}/`;

/** `/privacy-policy/2024-04-25/`: a version's permanent address. */
export const versionUrl = (policyId: string, version: string): string => `/${policyId}/${version}/`;

/** A version's canonical plain text, the text its SHA-256 fingerprint is computed from. */
export const canonicalTextUrl = (policyId: string, version: string): string => `/${policyId}/${version}/canonical.txt`;

/** The SSH signature of a version's canonical text (`ssh-keygen -Y verify -s`). */
export const signatureUrl = (policyId: string, version: string): string => `${canonicalTextUrl(policyId, version)}.sig`;

/** The RFC 3161 time-stamp reply for a version's canonical text (`openssl ts -verify -in`). */
export const timestampUrl = (policyId: string, version: string): string => `${canonicalTextUrl(policyId, version)}.tsr`;

/** `/privacy-policy/2024-04-25/verify/`: how to check a version's signature and time-stamp. */
export const verifyUrl = (policyId: string, version: string): string => `/${policyId}/${version}/verify/`;

/** Every key that ever signed a version, with its validity period (an ssh-keygen allowed_signers file). */
export const keyListUrl = '/keys/allowed_signers';

/** The CA certificate of the time-stamping authority (`openssl ts -verify -CAfile`). */
export const tsaCertificateUrl = '/keys/tsa-ca.pem';

/** `/privacy-policy/versions/`: the history table. */
export const historyUrl = (policyId: string): string => `/${policyId}/versions/`;

/** `/privacy-policy/compare/`: compare two versions, or find the version in force on a date. */
export const compareUrl = (policyId: string): string => `/${policyId}/compare/`;

/** Where the compare forms go (an on-demand route: it redirects, or shows the form again with an error). */
export const compareGoUrl = (policyId: string): string => `/${policyId}/compare/go/`;

/** `/privacy-policy/feed.xml`: one policy's Atom feed. */
export const policyFeedUrl = (policyId: string): string => `/${policyId}/feed.xml`;

/** `/feed.xml`: every policy's versions. */
export const siteFeedUrl = '/feed.xml';

/** `/versions.json`: every policy, every version, its dates, addresses and text fingerprint. */
export const versionsIndexUrl = '/versions.json';

/** The changes a version made against its predecessor: changed sections only, or the full document. */
export const changesUrl = (policyId: string, version: string, view: ChangesView = 'sections'): string =>
  `/${policyId}/${version}/changes/${view === 'full' ? 'full/' : ''}`;

/**
 * A comparison of two versions that are not consecutive (consecutive ones use changesUrl),
 * rendered on demand by the server, so n versions do not mean n² prebuilt pages.
 */
export const pairUrl = (policyId: string, from: string, to: string, view: ChangesView = 'sections'): string =>
  `/${policyId}/compare/${from}/${to}/${view === 'full' ? 'full/' : ''}`;

/**
 * Where a comparison of `from` with `to` lives: the prebuilt changes page when `from` is the
 * version right before `to` in `versionIds` (oldest first), else the on-demand pair page.
 * The one place that rule is written.
 */
export function comparisonUrl(
  policyId: string,
  versionIds: readonly string[],
  from: string,
  to: string,
  view: ChangesView = 'sections',
): string {
  return isConsecutive(versionIds, from, to) ? changesUrl(policyId, to, view) : pairUrl(policyId, from, to, view);
}

/** True when `from` comes right before `to` among `versionIds` (oldest first). */
export const isConsecutive = (versionIds: readonly string[], from: string, to: string): boolean =>
  versionIds.indexOf(from) >= 0 && versionIds.indexOf(to) - versionIds.indexOf(from) === 1;

/** `/privacy-policy/formats/`: every version's alternative formats. */
export const formatsPageUrl = (policyId: string): string => `/${policyId}/formats/`;

/** The document model of one version as JSON, fetched by the compare page's script. */
export const compareDataUrl = (policyId: string, version: string): string =>
  `/${policyId}/compare/data/${version}.json`;

/**
 * True for the addresses of one version's own pages and data: under its permanent address
 * (`/privacy-policy/2024-04-25/…`: the version, its changes, how to verify it) and its compare
 * data. The archive, as against the pages every reader starts from (the current policy, the
 * history, the formats and compare pages, the feeds).
 */
export const isOneVersionUrl = (pathname: string): boolean =>
  /^\/[a-z0-9-]+\/(?:\d{4}-\d{2}-\d{2}(?:-\d+)?\/|compare\/data\/)/.test(pathname);

/** The id of a version's section on its policy's formats page. */
export const formatsSectionId = (version: string): string => `version-${version}`;

/** One version's files (alternative formats: text, PDF, EPUB…), on its policy's formats page. */
export const formatsUrl = (policyId: string, version: string): string =>
  `${formatsPageUrl(policyId)}#${formatsSectionId(version)}`;

/** The contact form with an alternative format of a policy asked for (the form reads the query). */
export const alternativeFormatUrl = (policyId: string): string =>
  `/contact/?${new URLSearchParams({ topic: 'alternative-format', document: policyId }).toString()}`;

/** The two views of a set of changes. */
export type ChangesView = 'sections' | 'full';

/** The `<link rel="alternate">` of a policy's feed, for Base's `alternates`. */
export const policyFeedAlternate = (
  policyId: string,
  policyTitle: string,
): { href: string; type: string; title: string } => ({
  href: policyFeedUrl(policyId),
  type: 'application/atom+xml',
  title: `${policyTitle}: versions`,
});

/** `/subscribe/`: the email alerts form; `?policy=…` ticks only that policy (a policy page's link). */
export const subscribeUrl = (policyId?: string): string =>
  policyId ? `/subscribe/?policy=${encodeURIComponent(policyId)}` : '/subscribe/';

/** Where the subscribe form goes once sent: "check your email", whatever happened. */
export const subscribeSentUrl = '/subscribe/sent/';

/** The confirmation link of a subscription (a page with one button). */
export const confirmSubscriptionUrl = (token: string): string => `/subscribe/confirm/?token=${token}`;

/** The unsubscribe link in the body of an alert (a page with one button). */
export const unsubscribeUrl = (token: string): string => `/unsubscribe/?token=${token}`;

/** The RFC 8058 one-click unsubscribe address of `List-Unsubscribe` (POST only, no page). */
export const oneClickUnsubscribeUrl = (token: string): string => `/api/unsubscribe?token=${token}`;
