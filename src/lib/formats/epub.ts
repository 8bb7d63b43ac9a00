/**
 * EPUB 3 (.epub): one XHTML content document with the policy, a navigation document listing
 * every section, and the package metadata readers and stores look for: `dc:language`, and the
 * schema.org accessibility properties of EPUB Accessibility 1.1 (access modes, features,
 * hazards, summary, conformance to WCAG 2.2 AA). Written by hand and zipped with fflate, so we
 * control every byte: epubcheck validates it in the tests.
 */
import type { Block, Inline, TocEntry } from '../document/model.ts';
import type { FormatRenderer } from './format.ts';
import { sharedCode } from './format.ts';
import { fileDate, preambleLines, type FormatSource } from './source.ts';
import { zip } from './zip.ts';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
function esc(text: string): string {
  return text.replace(/[&<>"]/g, (char) => escapes[char] ?? char);
}

function inlines(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return esc(node.value).replaceAll('\n', '<br/>');
        case 'strong':
          return `<strong>${inlines(node.children)}</strong>`;
        case 'emphasis':
          return `<em>${inlines(node.children)}</em>`;
        case 'link':
          return `<a href="${esc(node.href)}">${inlines(node.children)}</a>`;
      }
    })
    .join('');
}

function blocks(list: readonly Block[], indent: string): string {
  return list
    .map((block) => {
      switch (block.type) {
        case 'heading':
          return `${indent}<h${block.level} id="${esc(block.id)}">${inlines(block.children)}</h${block.level}>`;
        case 'paragraph':
          return `${indent}<p>${inlines(block.children)}</p>`;
        case 'notice':
          return `${indent}<div class="notice" id="${esc(block.id)}">\n${blocks(block.children, indent + '  ')}\n${indent}</div>`;
        case 'list': {
          const tag = block.ordered ? 'ol' : 'ul';
          const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : '';
          const items = block.items.map(
            (item) => `${indent}  <li>\n${blocks(item.children, indent + '    ')}\n${indent}  </li>`,
          );
          return `${indent}<${tag}${start}>\n${items.join('\n')}\n${indent}</${tag}>`;
        }
      }
    })
    .join('\n');
}

function xhtml(source: FormatSource, title: string, body: string, css = true): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${source.language}" xml:lang="${source.language}">
<head>
  <meta charset="UTF-8"/>
  <title>${esc(title)}</title>${css ? '\n  <link rel="stylesheet" type="text/css" href="style.css"/>' : ''}
</head>
<body>
${body}
</body>
</html>
`;
}

function tocList(entries: readonly TocEntry[], indent: string): string {
  const items = entries.map((entry) => {
    const children = entry.children.length ? `\n${tocList(entry.children, indent + '    ')}\n${indent}  ` : '';
    return `${indent}  <li><a href="policy.xhtml#${esc(entry.id)}">${esc(entry.title)}</a>${children}</li>`;
  });
  return `${indent}<ol>\n${items.join('\n')}\n${indent}</ol>`;
}

function navDocument(source: FormatSource): string {
  return xhtml(
    source,
    'Contents',
    `  <nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">
    <h1 id="toc-title">Contents</h1>
${tocList(source.document.toc, '    ')}
  </nav>
  <nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-label="Landmarks">
    <ol>
      <li><a epub:type="bodymatter" href="policy.xhtml#title">${esc(source.title)}</a></li>
    </ol>
  </nav>`,
  );
}

function policyDocument(source: FormatSource): string {
  const preamble = preambleLines(source)
    .map((line) => `  <p class="preamble">${esc(line)}</p>`)
    .join('\n');
  return xhtml(
    source,
    source.title,
    `  <h1 id="title">${esc(source.title)}</h1>\n${preamble}\n${blocks(source.document.blocks, '  ')}`,
  );
}

/** Readers choose their own font and size: the stylesheet sets no absolute sizes (WCAG 1.4.4). */
const stylesheet = `body { line-height: 1.5; }
h1, h2, h3, h4 { line-height: 1.25; }
.preamble { margin: 0.25em 0; }
.notice { border: 2px solid currentColor; border-left-width: 6px; padding: 0 1em; margin: 1.5em 0; }
nav ol { list-style: none; padding-left: 1em; }
`;

function packageDocument(source: FormatSource): string {
  const modified = `${source.lastModified}T00:00:00Z`;
  const summary =
    `The text of the ${source.title}, version ${source.version}, as published by ${source.publisher}. ` +
    'Every section has a heading and appears in the table of contents; lists are marked as lists; the text ' +
    'can be resized, restyled and read aloud. There are no images, audio or video.';
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${source.language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">${esc(source.permanentUrl)}</dc:identifier>
    <dc:title>${esc(source.title)}</dc:title>
    <dc:language>${source.language}</dc:language>
    <dc:creator>${esc(source.publisher)}</dc:creator>
    <dc:publisher>${esc(source.publisher)}</dc:publisher>
    <dc:date>${source.lastModified}</dc:date>
    <dc:description>${esc(preambleLines(source).join('. '))}.</dc:description>
    <meta property="dcterms:modified">${modified}</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityFeature">displayTransformability</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">${esc(summary)}</meta>
    <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>
    <meta property="a11y:certifiedBy">${esc(source.publisher)}</meta>
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
  code: { files: [...sharedCode, 'src/lib/formats/epub.ts', 'src/lib/formats/zip.ts'], packages: ['fflate'] },
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
