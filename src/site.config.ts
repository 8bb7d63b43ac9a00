/**
 * Site settings: the one typed place for names, addresses and URLs.
 * Everything that prints the organisation's name or an address reads it from here.
 */
export interface PolicyInfo {
  /** Folder name under the content directory and first URL segment, e.g. `privacy-policy`. */
  readonly id: string;
  /** Short name for navigation and listings. The full title comes from each version's front matter. */
  readonly name: string;
}

export interface SiteConfig {
  readonly organization: string;
  readonly siteName: string;
  /** Canonical origin, no trailing slash. Used in feeds, print URLs and versions.json. */
  readonly siteUrl: string;
  /** Where contact-form messages go. Overridable at run time by SUPPORT_EMAIL. */
  readonly supportEmail: string;
  readonly infoEmail: string;
  /** Published policies, in the order the home page lists them. */
  readonly policies: readonly PolicyInfo[];
}

export const site: SiteConfig = {
  organization: 'AllWork, Inc.',
  siteName: 'AllWork Policies',
  siteUrl: 'https://policies.allworknow.com',
  supportEmail: 'support@allworknow.com',
  infoEmail: 'info@allworknow.com',
  policies: [
    { id: 'privacy-policy', name: 'Privacy Policy' },
    { id: 'california-privacy-notice', name: 'Privacy Notice for California Residents' },
  ],
};
