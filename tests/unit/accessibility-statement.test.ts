/**
 * The accessibility statement (src/components/accessibility/Statement.astro) on the EU model: every
 * part is there, and each fact (status, dates, limitations, contact options, escalation) comes
 * from the site settings, so changing a setting changes the page.
 */
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site, type AccessibilitySettings } from '../../src/site.config.ts';
import { componentRenderer, type ComponentRenderer } from '../helpers/components.ts';

let renderer: ComponentRenderer;
let statement: AstroComponentFactory;

beforeAll(async () => {
  renderer = await componentRenderer();
  statement = (await renderer.load<{ default: AstroComponentFactory }>('/src/components/accessibility/Statement.astro'))
    .default;
}, 120_000);

afterAll(async () => {
  await renderer.close();
});

const render = async (settings: AccessibilitySettings): Promise<string> =>
  (await renderer.render(statement, { settings, organization: 'AllWork, Inc.', host: 'policies.example.com' })).replace(
    /\s+/g,
    ' ',
  );

describe('the accessibility statement', () => {
  it('has the EU model statement’s parts, with the shipped settings', async () => {
    const html = await render(site.accessibility);
    for (const heading of [
      'Compliance status',
      'Non-accessible content and known limitations',
      'Preparation of this statement',
      'Technologies this site relies on',
      'What it was tested with',
      'Feedback and contact information',
      'If you are not satisfied: enforcement procedure',
    ])
      expect(html).toMatch(new RegExp(`<h2 id="[a-z-]+">${heading}</h2>`));
    expect(html).toContain('This statement applies to policies.example.com');
    expect(html).toContain(
      'partially compliant with the Web Content Accessibility Guidelines (WCAG) 2.2 level AA, because of the limitations listed below.',
    );
    expect(html).toContain('prepared on <time datetime="2026-12-01">December 1, 2026</time>');
    expect(html).toContain('last reviewed on <time datetime="2026-12-01">December 1, 2026</time>');
    expect(html).toContain('<a href="mailto:support@allworknow.com">support@allworknow.com</a>');
    expect(html).toContain('<a href="https://civilrights.justice.gov/">civilrights.justice.gov</a>');
    // No phone line or postal address is configured, so none is offered.
    expect(html).not.toContain('tel:');
    expect(html).not.toContain('<address>');
  });

  it('follows the settings: status, dates, limitations, phone and postal address', async () => {
    const html = await render({
      ...site.accessibility,
      status: 'full',
      lastReviewed: '2027-03-15',
      knownLimitations: [],
      contact: {
        email: 'a11y@example.com',
        phone: '+1 (555) 010-0199',
        postalAddress: ['1 Main St', 'Springfield'],
        replyWithinBusinessDays: 2,
      },
    });
    expect(html).toContain(
      'This website is fully compliant with the Web Content Accessibility Guidelines (WCAG) 2.2 level AA.',
    );
    expect(html).toContain('last reviewed on <time datetime="2027-03-15">March 15, 2027</time>');
    expect(html).toContain('We know of no content on this site that does not meet the standard.');
    expect(html).toContain('Call <a href="tel:+15550100199">+1 (555) 010-0199</a>');
    expect(html.match(/<address>.*?<\/address>/)?.[0].replace(/\s/g, '')).toBe(
      '<address>1MainSt<br>Springfield<br></address>',
    );
    expect(html).toContain('We reply within 2 business days.');
  });
});
