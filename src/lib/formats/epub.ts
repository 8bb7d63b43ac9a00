/**
 * EPUB 3 (.epub): one XHTML content document with the policy, a navigation document listing
 * every section, and the package metadata readers and stores look for: `dc:language`, and the
 * schema.org accessibility properties of EPUB Accessibility 1.1 (access modes, features,
 * hazards, summary, conformance to WCAG 2.2 AA). Written by hand and zipped with fflate, so we
 * control every byte: epubcheck validates it in the tests.
 */
import { inlineText, type Block, type TocEntry } from '../document/model.ts';
import { blocksMarkup, tocMarkup } from '../render/document.ts';
import { keyPointsHeading } from '../render/supplements.ts';
import { escapeHtml } from '../text.ts';
import type { FormatRenderer } from './format.ts';
import { sharedCode } from './format.ts';
import { fileDate, preambleLines, supplements, type FormatSource } from './source.ts';
import { zip } from './zip.ts';

/** The XHTML of the text and the table of contents is the site's own markup (see `code` below). */
const renderCode = ['src/lib/render/document.ts', 'src/lib/text.ts'];

function xhtml(source: FormatSource, title: string, body: string, css = true): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${source.language}" xml:lang="${source.language}">
<head>
  <meta charset="UTF-8"/>
  <title>${escapeHtml(title)}</title>${css ? '\n  <link rel="stylesheet" type="text/css" href="style.css"/>' : ''}
</head>
<body>
${body}
</body>
</html>
`;
}

/** The key points (a box) or the glossary (a heading): a named section, apart from the text. */
function supplementMarkup(blocks: readonly Block[]): string {
  const [first] = blocks;
  if (first?.type === 'notice') {
    const inner = blocksMarkup(first.children, 'xhtml');
    return `<section class="key-points" id="${first.id}" aria-label="${keyPointsHeading}">${inner}</section>`;
  }
  if (first?.type !== 'heading') return '';
  return `<section class="glossary" aria-labelledby="${first.id}">${blocksMarkup(blocks, 'xhtml')}</section>`;
}

/** The navigation's entries: the key points first and the glossary last, when the version has them. */
function navEntries(source: FormatSource): TocEntry[] {
  const { before, after } = supplements(source);
  const keyPoints = before[0]?.type === 'notice' ? [{ id: before[0].id, title: keyPointsHeading }] : [];
  const glossary = after[0]?.type === 'heading' ? [{ id: after[0].id, title: inlineText(after[0].children) }] : [];
  const entry = ({ id, title }: { id: string; title: string }): TocEntry => ({ id, level: 2, title, children: [] });
  return [...keyPoints.map(entry), ...source.document.toc, ...glossary.map(entry)];
}

function navDocument(source: FormatSource): string {
  return xhtml(
    source,
    'Contents',
    `  <nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">
    <h1 id="toc-title">Contents</h1>
    ${tocMarkup(navEntries(source), { base: 'policy.xhtml', list: 'ol' })}
  </nav>
  <nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-label="Landmarks">
    <ol>
      <li><a epub:type="bodymatter" href="policy.xhtml#title">${escapeHtml(source.title)}</a></li>
    </ol>
  </nav>`,
  );
}

function policyDocument(source: FormatSource): string {
  const preamble = preambleLines(source)
    .map((line) => `  <p class="preamble">${escapeHtml(line)}</p>`)
    .join('\n');
  const { before, after } = supplements(source);
  const text = blocksMarkup(source.document.blocks, 'xhtml', { crossReferences: true });
  const body = [supplementMarkup(before), text, supplementMarkup(after)].filter(Boolean);
  return xhtml(
    source,
    source.title,
    `  <h1 id="title">${escapeHtml(source.title)}</h1>\n${preamble}\n  ${body.join('\n  ')}`,
  );
}

/** Readers choose their own font and size: the stylesheet sets no absolute sizes (WCAG 1.4.4). */
const stylesheet = `body { line-height: 1.5; }
h1, h2, h3, h4 { line-height: 1.25; }
.preamble { margin: 0.25em 0; }
.notice { border: 2px solid currentColor; border-left-width: 6px; padding: 0 1em; margin: 1.5em 0; }
nav ol { list-style: none; padding-left: 1em; }
.key-points { border: 1px solid currentColor; padding: 0 1em; margin: 1.5em 0; }
`;

/** Ends a sentence on `text`: "AllWork, Inc." keeps its one period, "AllWork" gets one. */
const sentenceEnd = (text: string): string => (text.endsWith('.') ? text : `${text}.`);

function packageDocument(source: FormatSource): string {
  const modified = `${source.lastModified}T00:00:00Z`;
  const summary =
    `The text of the ${source.title}, version ${source.version}, as published by ${sentenceEnd(source.publisher)} ` +
    'Every section has a heading and appears in the table of contents; lists are marked as lists; the text ' +
    'can be resized, restyled and read aloud. There are no images, audio or video.';
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${source.language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">${escapeHtml(source.permanentUrl)}</dc:identifier>
    <dc:title>${escapeHtml(source.title)}</dc:title>
    <dc:language>${source.language}</dc:language>
    <dc:creator>${escapeHtml(source.publisher)}</dc:creator>
    <dc:publisher>${escapeHtml(source.publisher)}</dc:publisher>
    <dc:date>${source.lastModified}</dc:date>
    <dc:description>${escapeHtml(preambleLines(source).join('. '))}.</dc:description>
    <meta property="dcterms:modified">${modified}</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityFeature">displayTransformability</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">${escapeHtml(summary)}</meta>
    <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>
    <meta property="a11y:certifiedBy">${escapeHtml(source.publisher)}</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="policy" href="policy.xhtml" media-type="application/xhtml+xml"/>
    <item id="style" href="style.css" media-type="text/css"/>
  </manifest>
  <spine>
    <itemref idref="policy"/>
  </spine>
</package>
`;
}

const container = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

export const epubFormat: FormatRenderer = {
  id: 'epub',
  name: 'EPUB e-book',
  kind: 'EPUB',
  suffix: '.epub',
  mediaType: 'application/epub+zip',
  description: 'For e-book readers and reading apps; you choose the font, size and colours, and it can be read aloud.',
  code: {
    files: [...sharedCode, 'src/lib/formats/epub.ts', 'src/lib/formats/zip.ts', ...renderCode],
    packages: ['fflate'],
  },
  render(source) {
    return Promise.resolve(
      zip(
        [
          // The OCF rules: `mimetype` first and stored, so readers can sniff the type.
          { path: 'mimetype', data: 'application/epub+zip', stored: true },
          { path: 'META-INF/container.xml', data: container },
          { path: 'EPUB/package.opf', data: packageDocument(source) },
          { path: 'EPUB/nav.xhtml', data: navDocument(source) },
          { path: 'EPUB/policy.xhtml', data: policyDocument(source) },
          { path: 'EPUB/style.css', data: stylesheet },
        ],
        fileDate(source),
      ),
    );
  },
};
