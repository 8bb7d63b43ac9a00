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

/**
 * The accessibility statement's facts (/accessibility/), on the model of the EU Web
 * Accessibility Directive's (Commission Implementing Decision (EU) 2018/1523). Dates are
 * YYYY-MM-DD; review the statement, and its date, whenever the site changes in a way it names.
 */
export interface AccessibilitySettings {
  /** The standard the site is measured against. */
  readonly standard: string;
  /** `full`: meets every requirement; `partial`: the non-accessible content lists what does not. */
  readonly status: 'full' | 'partial' | 'none';
  readonly statementDate: string;
  readonly lastReviewed: string;
  /** How the statement was prepared: e.g. a self-assessment, or a named third party's audit. */
  readonly method: string;
  /** What does not meet the standard yet, or is known to be hard to use, in plain words. */
  readonly knownLimitations: readonly string[];
  /** Browsers, assistive technologies and tools the site was tested with. */
  readonly testedWith: readonly string[];
  /** Ways to reach the team; each one shown is offered on the statement. */
  readonly contact: {
    readonly email: string;
    /** International format, e.g. "+1 555 0100"; omit when there is no line. */
    readonly phone?: string;
    readonly postalAddress?: readonly string[];
    readonly replyWithinBusinessDays: number;
  };
  /** Where to turn when the reply does not satisfy: inside the company, then outside. */
  readonly escalation: {
    readonly internal: string;
    readonly external: string;
    readonly externalUrl?: string;
  };
}

/** An abbreviation of the policies and what it stands for: expanded at its first use per section. */
export interface GlossaryTerm {
  /** As the text writes it, case and all. */
  readonly term: string;
  readonly expansion: string;
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
  readonly accessibility: AccessibilitySettings;
  /** Abbreviations in the policies (WCAG 3.1.4); add a term when a new version uses one. */
  readonly glossary: readonly GlossaryTerm[];
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
  accessibility: {
    standard: 'Web Content Accessibility Guidelines (WCAG) 2.2 level AA',
    status: 'partial',
    statementDate: '2026-12-01',
    lastReviewed: '2026-12-01',
    method:
      'a self-assessment by the team that builds the site, with the automated and browser tests run on every change',
    knownLimitations: [
      'The site has not yet been tested by people who use screen readers, screen magnifiers or speech recognition day to day; our own tests are automated (axe) and scripted in a browser.',
      'The PDF files are tagged and carry the PDF/UA identifier, but they have not yet been checked with a PDF/UA validator such as veraPDF or PAC.',
      'Search needs JavaScript. Without it, the search page lists every section of each policy instead.',
      'The policy texts are published exactly as written, including a few typing errors in the original documents: we do not edit legal text.',
    ],
    testedWith: [
      'Chromium (Debian), with the keyboard alone',
      'Chromium in forced colours (high contrast) mode, light and dark schemes',
      'Chromium at 320 CSS pixels wide (as at 400% zoom)',
      'axe-core, on every page and every state of the forms and search',
      'html-validate, epubcheck, pdfinfo and liblouis for the pages and the alternative formats',
    ],
    contact: {
      email: 'support@allworknow.com',
      replyWithinBusinessDays: 5,
    },
    escalation: {
      internal:
        'If our reply does not solve the problem, say so in a reply to it: the message goes to the person responsible for this site, who answers within 10 business days.',
      external:
        'If you are still not satisfied, you may complain to the body that enforces accessibility law where you live. In the United States, that is the Civil Rights Division of the Department of Justice.',
      externalUrl: 'https://civilrights.justice.gov/',
    },
  },
  glossary: [
    { term: 'APIs', expansion: 'application programming interfaces' },
    { term: 'CPRA', expansion: 'California Privacy Rights Act' },
    { term: 'IP', expansion: 'Internet Protocol' },
    { term: 'SSL', expansion: 'Secure Sockets Layer' },
    { term: 'US', expansion: 'United States' },
  ],
};
