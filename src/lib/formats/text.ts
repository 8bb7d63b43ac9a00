/**
 * Plain text (.txt, UTF-8): the canonical text of the document with links spelled out and the
 * title and sections underlined, so headings and lists read as structure in any text editor.
 */
import type { FormatRenderer } from './format.ts';
import { sharedCode } from './format.ts';
import { formatText } from './source.ts';

export const textFormat: FormatRenderer = {
  id: 'text',
  name: 'Plain text',
  kind: 'TXT',
  suffix: '.txt',
  mediaType: 'text/plain; charset=utf-8',
  description: 'Text only, for any device, text editor or screen reader.',
  code: { files: [...sharedCode, 'src/lib/formats/text.ts'], packages: [] },
  render(source) {
    return Promise.resolve(new TextEncoder().encode(formatText(source, { spellLinks: true, underlineHeadings: true })));
  },
};
