/**
 * The document model as markup (src/lib/render/document.ts), the one implementation behind the
 * pages (Blocks.astro, Toc.astro), the changes views and the EPUB. The pages' text against the
 * seed is checked in tests/e2e/reading.spec.ts, the EPUB with epubcheck in tests/unit/formats.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { type Block } from '../../src/lib/document/model.ts';
import { parseDocument } from '../../src/lib/document/parse.ts';
import { blocksMarkup, inlinesMarkup, tocMarkup } from '../../src/lib/render/document.ts';

const doc = parseDocument(
  'T',
  [
    '## 1. Choices {#your-choices}',
    '',
    'We **never** sell *your* data; see [our site](https://example.com/a?b=1&c=2).',
    '',
    '### A minor heading',
    '',
    '<Notice id="notice-at-collection">',
    '',
    'Collected at "sign-up".',
    '',
    '</Notice>',
    '',
    '5. five',
    '6. six',
    '',
    '- one',
    '  - nested',
  ].join('\n'),
);

describe('blocksMarkup', () => {
  const html = blocksMarkup(doc.blocks);

  it('gives headings their stable ids and keeps the notice id', () => {
    expect(html).toContain('<h2 id="your-choices">1. Choices</h2>');
    expect(html).toContain('<h3 id="a-minor-heading">A minor heading</h3>');
    expect(html).toContain(
      '<div class="notice" id="notice-at-collection"><p>Collected at &quot;sign-up&quot;.</p></div>',
    );
  });

  it('renders bold, italics and links, escaping text and addresses', () => {
    expect(html).toContain(
      '<p>We <strong>never</strong> sell <em>your</em> data; see <a href="https://example.com/a?b=1&amp;c=2">our site</a>.</p>',
    );
  });

  it('says where an ordered list starts, and nests lists in their items', () => {
    expect(html).toContain('<ol start="5"><li><p>five</p></li><li><p>six</p></li></ol>');
    expect(html).toContain('<ul><li><p>one</p><ul><li><p>nested</p></li></ul></li></ul>');
    expect(blocksMarkup(parseDocument('T', '1. a\n2. b').blocks)).toBe('<ol><li><p>a</p></li><li><p>b</p></li></ol>');
  });

  it('escapes what could be read as markup, in text and in attributes', () => {
    const blocks: Block[] = [
      { type: 'heading', level: 2, id: 'a"b', children: [{ type: 'text', value: "<b> & 'c'" }] },
      { type: 'paragraph', children: [{ type: 'link', href: '"><script>', children: [{ type: 'text', value: 'x' }] }] },
    ];
    expect(blocksMarkup(blocks)).toBe(
      '<h2 id="a&quot;b">&lt;b&gt; &amp; &#39;c&#39;</h2><p><a href="&quot;&gt;&lt;script&gt;">x</a></p>',
    );
  });

  it('writes a hard line break as an element: <br> in HTML, self-closed in XHTML', () => {
    const inlines = parseDocument('T', 'Line one\\\nline two.').blocks[0];
    if (inlines?.type !== 'paragraph') throw new Error('expected a paragraph');
    expect(inlinesMarkup(inlines.children)).toBe('Line one<br>line two.');
    expect(inlinesMarkup(inlines.children, 'xhtml')).toBe('Line one<br/>line two.');
  });

  it('writes the same markup in HTML and XHTML when there is no void element', () => {
    expect(blocksMarkup(doc.blocks, 'xhtml')).toBe(html);
  });
});

describe('tocMarkup', () => {
  it('nests the sections as the headings are, linking to their anchors', () => {
    expect(tocMarkup(doc.toc)).toBe(
      '<ul><li><a href="#your-choices">1. Choices</a><ul><li><a href="#a-minor-heading">A minor heading</a></li></ul></li></ul>',
    );
  });

  it('links to another page, and lists in <ol> for the EPUB navigation document', () => {
    expect(tocMarkup(doc.toc, { base: 'policy.xhtml', list: 'ol' })).toBe(
      '<ol><li><a href="policy.xhtml#your-choices">1. Choices</a><ol><li><a href="policy.xhtml#a-minor-heading">A minor heading</a></li></ol></li></ol>',
    );
  });
});
