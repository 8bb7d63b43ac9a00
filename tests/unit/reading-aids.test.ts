/**
 * A long text's way around (src/lib/render/cross-references.ts, document.ts): quoted section
 * titles link to their section without a word changed, each heading has a labelled link to
 * itself, and each section ends with "Back to contents".
 */
import { describe, expect, it } from 'vitest';
import { type PolicyDocument } from '../../src/lib/document/model.ts';
import { parseDocument } from '../../src/lib/document/parse.ts';
import { linkQuotedTitles, sectionTargets } from '../../src/lib/render/cross-references.ts';
import { blocksMarkup } from '../../src/lib/render/document.ts';
import { readVersionRecords } from '../../src/lib/versions/index.ts';
import { site } from '../../src/site.config.ts';
import { seedContentDir } from '../helpers/shipped.ts';

const shipped = readVersionRecords(seedContentDir());
const shippedDoc = (policy: string): PolicyDocument => {
  const found = shipped.find((version) => version.policy === policy);
  if (!found) throw new Error(`no shipped ${policy}`);
  return found.document;
};
/** The text of markup as a reader meets it: blocks apart, inline tags dropped, entities read. */
const textOf = (html: string): string =>
  html
    .replace(/<\/(p|h\d|li)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();

const doc = parseDocument(
  'T',
  [
    "See “Your Choices” below, ‘Notice at Collection’ and 'Security'; not “Personal Information” nor AllWork's “AllWork”.",
    '',
    '## 1. Your Choices and Rights',
    '',
    'As "Security" says.',
    '',
    '## Security',
    '',
    '### AllWork Profile Information',
    '',
    '<Notice id="notice-at-collection">',
    '',
    'Notice at Collection: text.',
    '',
    '</Notice>',
  ].join('\n'),
);

describe('cross-references', () => {
  const targets = sectionTargets(doc.blocks);

  it('links the words of a quoted title, in curly or straight quotes, to the one section it names', () => {
    const html = blocksMarkup(doc.blocks, 'html', { crossReferences: true });
    expect(html).toContain('See “<a href="#your-choices-and-rights">Your Choices</a>” below');
    expect(html).toContain('‘<a href="#notice-at-collection">Notice at Collection</a>’');
    expect(html).toContain('&#39;<a href="#security">Security</a>&#39;;');
    expect(html).toContain('As &quot;<a href="#security">Security</a>&quot; says.');
  });

  it('leaves defined terms, one-word starts of titles and apostrophes as text', () => {
    const pieces = linkQuotedTitles("not “Personal Information” nor AllWork's “AllWork”.", targets);
    expect(pieces).toEqual([{ text: "not “Personal Information” nor AllWork's “AllWork”." }]);
  });

  it('changes no word: the text of the markup is the text without links', () => {
    const plain = blocksMarkup(doc.blocks);
    const linked = blocksMarkup(doc.blocks, 'html', { crossReferences: true });
    expect(linked).not.toBe(plain);
    expect(textOf(linked)).toBe(textOf(plain));
  });

  it('links every “Your Choices” of the shipped texts, and the text reads as without them', () => {
    for (const [policy, target, times] of [
      ['privacy-policy', '#your-choices', 2],
      ['california-privacy-notice', '#your-choices-and-rights', 1],
    ] as const) {
      const document = shippedDoc(policy);
      const html = blocksMarkup(document.blocks, 'xhtml', { crossReferences: true });
      const links = [...html.matchAll(/<a href="(#[^"]*)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
      expect(links).toEqual(Array.from({ length: times }, () => [target, 'Your Choices']));
      expect(textOf(html)).toBe(textOf(blocksMarkup(document.blocks, 'xhtml')));
    }
  });
});

describe('section links and "Back to contents"', () => {
  const html = blocksMarkup(doc.blocks, 'html', { contentsHref: '#toc-heading' });

  it('gives each heading a visible link to itself, named after the section without its number', () => {
    expect(html).toContain(
      '<div class="section-heading"><h2 id="your-choices-and-rights">1. Your Choices and Rights</h2><a class="section-link reading-aid" href="#your-choices-and-rights" aria-label="Link to this section: Your Choices and Rights">§</a></div>',
    );
    expect(html.match(/class="section-link/g)).toHaveLength(3);
  });

  it('ends each top-level section with "Back to contents", none before the first heading', () => {
    const back = '<p class="back-to-contents reading-aid"><a href="#toc-heading">Back to contents</a></p>';
    expect(html.split(back)).toHaveLength(3);
    expect(html.indexOf(back)).toBeGreaterThan(html.indexOf('id="your-choices-and-rights"'));
    expect(html.endsWith(back)).toBe(true);
  });

  it('are left out unless asked for (the changes views, the EPUB)', () => {
    expect(blocksMarkup(doc.blocks, 'xhtml', { crossReferences: true })).not.toContain('reading-aid');
  });
});

describe('glossary', () => {
  const glossary = [
    { term: 'IP', expansion: 'Internet Protocol' },
    { term: 'APIs', expansion: 'application programming interfaces' },
  ];
  const text = parseDocument(
    'T',
    [
      'Your IP address and our APIs; the IP again; SHIP and IPs are other words.',
      '',
      '## Security',
      '',
      'Each IP address.',
    ].join('\n'),
  );

  it('expands each term at its first use in each section, whole words only, letters unchanged', () => {
    const html = blocksMarkup(text.blocks, 'html', { glossary });
    expect(html).toContain(
      '<p>Your <abbr title="Internet Protocol">IP</abbr> address and our <abbr title="application programming interfaces">APIs</abbr>; the IP again; SHIP and IPs are other words.</p>',
    );
    expect(html).toContain('<p>Each <abbr title="Internet Protocol">IP</abbr> address.</p>');
    expect(textOf(html)).toBe(textOf(blocksMarkup(text.blocks)));
  });

  it('expands the shipped texts’ abbreviations from the site settings', () => {
    const html = blocksMarkup(shippedDoc('privacy-policy').blocks, 'html', { glossary: site.glossary });
    expect(html).toContain('<abbr title="Internet Protocol">IP</abbr> address');
    expect(html).toContain('(<abbr title="application programming interfaces">APIs</abbr>)');
  });
});
