import { describe, expect, it } from 'vitest';
import { anchorsOf, brokenFragments, publishedUrls } from '../helpers/built-links.ts';

const site = 'https://example.test';

describe('brokenFragments', () => {
  const pages = new Map([
    ['/', '<a href="#main">Skip</a><main id="main"><a href="/a/#s1">A</a><a href="/a/#gone">B</a></main>'],
    ['/a/', '<h2 id="s1">One</h2><a href="https://example.test/#main">home</a><a href="#">top</a>'],
  ]);

  it('finds links to ids their target page lacks, in this page and in others', () => {
    const result = brokenFragments(pages, site);
    expect(result.broken).toEqual([
      { page: '/', href: '/a/#gone' },
      { page: '/a/', href: '#' },
    ]);
    expect(result.checked).toBe(5);
  });

  it('counts links to pages it does not have instead of judging them', () => {
    const result = brokenFragments(
      new Map([['/', '<a href="/compare/x/#top">c</a><a href="https://other.test/#x">o</a>']]),
      site,
    );
    expect(result).toEqual({ broken: [], checked: 0, unchecked: 1 });
  });

  it('reads ids with entities and a name on a legacy anchor', () => {
    expect([...anchorsOf('<p id="a&amp;b"></p><a name="old"></a>')]).toEqual(['a&b', 'old']);
  });
});

describe('publishedUrls', () => {
  it('collects URLs from attributes, JSON strings and escaped HTML, without a trailing full stop', () => {
    const feed =
      '<link href="https://example.test/a/"/><content type="html">&lt;a href=&quot;https://example.test/b/?x=1&amp;amp;y=2&quot;&gt;</content>';
    const json = '{"url": "https://example.test/c/", "about": "Index: https://example.test/versions.json."}';
    expect(publishedUrls(feed + json, site)).toEqual([
      'https://example.test/a/',
      'https://example.test/b/?x=1&y=2',
      'https://example.test/c/',
      'https://example.test/versions.json',
    ]);
  });
});
