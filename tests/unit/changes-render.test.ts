/**
 * The HTML of a diff (shared by the changes pages and the compare page's script).
 * The page-level checks (axe, keyboard, text) are e2e tests in tests/e2e/changes.fixtures.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { renderChangesBody, renderChangesSummary, viewSwitchMarkup } from '../../src/lib/render/changes.ts';
import { diffVersions } from '../../src/lib/diff/index.ts';
import type { PolicyDocument } from '../../src/lib/document/model.ts';
import { parseDocument } from '../../src/lib/document/parse.ts';

const before = parseDocument('T', '## Rights\n\nYou may ask.\n\n1. One.\n2. Two.\n3. Three.\n\n## Other\n\nSame.');
const after = parseDocument('T', '## Rights\n\nYou may ask at any time.\n\n1. One.\n2. Three.\n\n## Other\n\nSame.');
const diff = diffVersions(before, after);

describe('renderChangesBody', () => {
  it('marks added and removed words with ins/del and words a screen reader announces', () => {
    const html = renderChangesBody(diff, 'sections');
    expect(html).toContain(
      '<ins><span class="visually-hidden">[added] </span>ask at any time.<span class="visually-hidden"> [end added]</span></ins>',
    );
    expect(html).toContain(
      '<del><span class="visually-hidden">[removed] </span>ask.<span class="visually-hidden"> [end removed]</span></del>',
    );
  });

  it('numbers the changes and links each to the previous and next one', () => {
    const html = renderChangesBody(diff, 'full');
    expect(diff.counts.changes).toBe(2);
    expect(html).toContain('id="change-1" tabindex="-1"');
    expect(html).toContain('id="change-2" tabindex="-1"');
    expect(html).toContain('<a href="#change-2">Next change<span class="visually-hidden"> (2 of 2)</span></a>');
    expect(html).toContain('<a href="#change-1">Previous change<span class="visually-hidden"> (1 of 2)</span></a>');
    expect(html).not.toContain('href="#change-3"');
    expect(html).not.toContain('href="#change-0"');
  });

  it('renders a removed list item inside its list, with its own number', () => {
    const html = renderChangesBody(diff, 'full');
    expect(html).toMatch(
      /<ol><li value="1"><p>One\.<\/p><\/li><li value="2"><div class="change change-removed"[^]*?<\/li><li value="2"><p>Three\.<\/p><\/li><\/ol>/,
    );
  });

  it('shows only the changed sections by default, each under a heading', () => {
    const html = renderChangesBody(diff, 'sections');
    expect(html).toContain('<h2>Rights</h2>');
    expect(html).not.toContain('Other');
    expect(renderChangesBody(diff, 'full')).toContain('<h2>Other</h2>');
  });

  it('escapes the text it writes', () => {
    const doc = (text: string): PolicyDocument => ({
      title: 'T',
      toc: [],
      blocks: [
        { type: 'paragraph', children: [{ type: 'text', value: text }] },
        {
          type: 'paragraph',
          children: [{ type: 'link', href: '"><script>', children: [{ type: 'text', value: 'x' }] }],
        },
      ],
    });
    const html = renderChangesBody(diffVersions(doc('a <b> & c'), doc('a <b> & c <i>')), 'full');
    expect(html).toContain('a &lt;b&gt; &amp; c');
    expect(html).toContain('&lt;i&gt;');
    expect(html).toContain('href="&quot;&gt;&lt;script&gt;"');
    expect(html).not.toContain('<script');
  });
});

describe('renderChangesSummary', () => {
  it('gives the counts and links each changed section to its changes', () => {
    const html = renderChangesSummary(diff);
    expect(html).toContain('<li>4 words added</li><li>2 words removed</li><li>1 section changed</li>');
    expect(html).toContain(
      '<a href="#change-1">Rights</a>: 4 words added, 2 removed; <a href="#change-1">change 1</a>, <a href="#change-2">change 2</a>',
    );
  });

  it('says so when no words changed', () => {
    expect(renderChangesSummary(diffVersions(before, before))).toContain('No words changed between these versions.');
  });
});

describe('viewSwitchMarkup', () => {
  it('links both views, marks the one shown, and escapes the addresses', () => {
    expect(viewSwitchMarkup({ sections: '?from=a&to=b', full: '?from=a&to=b&view=full' }, 'full')).toBe(
      '<nav class="view-switch" aria-label="Views of the changes"><ul>' +
        '<li><a href="?from=a&amp;to=b" data-view="sections">Changed sections only</a></li>' +
        '<li><a href="?from=a&amp;to=b&amp;view=full" data-view="full" aria-current="page">Full document with changes marked</a></li>' +
        '</ul></nav>',
    );
  });
});
