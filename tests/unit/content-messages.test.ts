/**
 * Every message a lawyer may meet, pinned with its hint and the file's own line, and each hint
 * followed once to show that it ends the problem (no hint leads to another problem).
 */
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContentProblem } from '../../src/lib/content/errors.ts';
import { collectContent } from '../../src/lib/content/load.ts';
import { documentText } from '../../src/lib/document.ts';
import { site } from '../../src/site.config.ts';
import { createPolicyRepo } from '../helpers/policy-repo.ts';

const policies = site.policies.map((p) => p.id);
const previous = 'privacy-policy/2024-04-25.mdx';

function source(fields: Record<string, string>, body = 'Some policy text.\n'): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}`;
}

const published = {
  title: 'AllWork Privacy Policy',
  version: '2024-04-25',
  lastModified: '2024-04-25',
  status: 'published',
};
const fresh = { ...published, version: '2025-01-15', lastModified: '2025-01-15', summary: 'Clearer.' };

/** A content folder with the previous version and `files`; returns a loader for it. */
function folder(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'policy-messages-'));
  const dir = path.join(root, 'content/policies');
  const write = (relative: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  };
  write(previous, source(published));
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  return {
    write,
    rename: (from: string, to: string): void => {
      renameSync(path.join(dir, from), path.join(dir, to));
    },
    load: () => collectContent(dir, { policies, root }),
    problems: (): ContentProblem[] => collectContent(dir, { policies, root }).problems,
  };
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const file = (name: string): string => `content/policies/privacy-policy/${name}`;

describe('line numbers are the file’s own', () => {
  it('for a construct the body may not use', () => {
    const text = source(fresh, 'Intro.\n\n| a | b |\n| - | - |\n');
    const { problems } = folder({ 'privacy-policy/2025-01-15.mdx': text });
    expect(problems()).toEqual([
      {
        file: file('2025-01-15.mdx'),
        line: lineOf(text, '| a | b |'),
        field: 'body',
        message: 'A table is not allowed in policy text',
        hint: 'Policy text supports headings (## to ####), paragraphs, bulleted and numbered lists, links, **bold**, *italics* and <Notice id="…">.',
      },
    ]);
    expect(lineOf(text, '| a | b |')).toBe(11);
  });

  it('for text MDX cannot read, with the line repeated', () => {
    const text = source(fresh, 'Intro.\n\nWe keep {some data for a year.\n');
    const { problems } = folder({ 'privacy-policy/2025-01-15.mdx': text });
    expect(problems()).toEqual([
      expect.objectContaining({
        line: 11,
        field: 'body',
        message: expect.stringMatching(/^the text cannot be read as MDX \(.+\): `We keep \{some data for a year\.`$/),
        hint: 'Check for a stray "<" or "{" in the text; write them as \\< and \\{.',
      }),
    ]);
  });

  it('for front matter YAML cannot read, with the line repeated', () => {
    const text = source({ ...fresh, summary: 'We changed: the retention period.' });
    const { problems } = folder({ 'privacy-policy/2025-01-15.mdx': text });
    expect(problems()).toEqual([
      {
        file: file('2025-01-15.mdx'),
        line: 6,
        field: 'front matter',
        message:
          'cannot be read: Nested mappings are not allowed in compact mappings, in `summary: We changed: the retention period.`',
        hint: 'Each line is `name: value`. Put a value that contains a colon between straight double quotes, e.g. `summary: "We changed: the retention period."`.',
      },
    ]);
    expect(lineOf(text, 'summary:')).toBe(6);
  });
});

describe('curly quotes are named, with the fix', () => {
  it('around a title, which YAML would print as part of it', () => {
    const { problems, write, load } = folder({
      'privacy-policy/2025-01-15.mdx': source({ ...fresh, title: '“AllWork Privacy Policy”' }),
    });
    expect(problems()).toEqual([
      {
        file: file('2025-01-15.mdx'),
        line: 2,
        field: 'title',
        message: 'is “AllWork Privacy Policy”, in curly quotes (“ ”), which would be printed as part of the title',
        hint: 'Use straight quotes (") or none: `title: AllWork Privacy Policy`.',
      },
    ]);
    write('privacy-policy/2025-01-15.mdx', source({ ...fresh, title: 'AllWork Privacy Policy' }));
    expect(load().problems).toEqual([]);
  });

  it('around a status: one problem, not also "must be one of"', () => {
    const { problems } = folder({
      'privacy-policy/2025-01-15.mdx': source({ ...fresh, status: '‘published’' }),
    });
    expect(problems()).toEqual([
      expect.objectContaining({
        line: 5,
        field: 'status',
        message: 'is ‘published’, in curly quotes (“ ”), which would be printed as part of the status',
        hint: 'Use straight quotes (") or none: `status: published`.',
      }),
    ]);
  });

  it('but not quotes inside a value, which are typography', () => {
    const { problems } = folder({
      'privacy-policy/2025-01-15.mdx': source({ ...fresh, summary: 'We define the “AllWork Platform”.' }),
    });
    expect(problems()).toEqual([]);
  });

  it('around an attribute in the text', () => {
    const text = source(fresh, '<Notice id=“collection”>\n\nText.\n\n</Notice>\n');
    const { problems } = folder({ 'privacy-policy/2025-01-15.mdx': text });
    expect(problems()).toEqual([
      expect.objectContaining({
        line: 9,
        field: 'body',
        message: 'an attribute value is in curly quotes (“ ”): `<Notice id=“collection”>`',
        hint: 'Write the value between straight double quotes, e.g. `<Notice id="notice-at-collection">`.',
      }),
    ]);
  });
});

describe('comments', () => {
  it('an HTML comment is refused with a hint that keeps it unpublished', () => {
    const text = source(fresh, 'Intro.\n\n<!-- ask legal about retention -->\n\nMore.\n');
    const { problems, write, load } = folder({ 'privacy-policy/2025-01-15.mdx': text });
    expect(problems()).toEqual([
      {
        file: file('2025-01-15.mdx'),
        line: 11,
        field: 'body',
        message: 'an HTML comment (<!-- … -->) cannot be used in policy text: `<!-- ask legal about retention -->`',
        hint: 'Delete it, or write it as an MDX comment, `{/* … */}`, which is never published.',
      },
    ]);
    // Following the hint: the comment is accepted and is in no rendering of the model.
    write(
      'privacy-policy/2025-01-15.mdx',
      source(fresh, 'Intro.\n\n{/* ask legal about retention */}\n\nMore {/* and here */} text.\n'),
    );
    const { versions, problems: after } = load();
    expect(after).toEqual([]);
    const model = versions.find((v) => v.version === '2025-01-15')!.document;
    expect(documentText(model)).toBe('AllWork Privacy Policy\n\nIntro.\n\nMore text.\n');
    expect(JSON.stringify(model)).not.toContain('retention');
  });
});

describe('file-name hints converge', () => {
  it('a copy whose version is still the old one: one problem, and its fix ends it', () => {
    const { problems, write, load } = folder({
      'privacy-policy/2025-01-15.mdx': source({ ...fresh, version: '2024-04-25' }),
    });
    expect(problems()).toEqual([
      {
        file: file('2025-01-15.mdx'),
        line: 3,
        field: 'version',
        message: '"2024-04-25" is already used by content/policies/privacy-policy/2024-04-25.mdx',
        hint: 'The file name is the version id: set `version: 2025-01-15`. (A second version on the same day is named 2024-04-25-2.mdx, with `version: 2024-04-25-2`.)',
      },
    ]);
    write('privacy-policy/2025-01-15.mdx', source(fresh));
    expect(load().problems).toEqual([]);
  });

  it('a file name that is not a version id: the hint names a free name, and following it ends it', () => {
    const { problems, rename, write, load } = folder({
      'privacy-policy/new-version.mdx': source({ ...fresh, version: '2024-04-25', lastModified: '2024-04-25' }),
    });
    expect(problems()).toEqual([
      {
        file: file('new-version.mdx'),
        field: 'file name',
        message: '"new-version.mdx" is not a version id: name the file after the version, like 2024-04-25.mdx',
        hint: 'Rename the file to 2024-04-25-2.mdx and set `version: 2024-04-25-2`.',
      },
    ]);
    rename('privacy-policy/new-version.mdx', 'privacy-policy/2024-04-25-2.mdx');
    write('privacy-policy/2024-04-25-2.mdx', source({ ...fresh, version: '2024-04-25-2', lastModified: '2024-04-25' }));
    expect(load().problems).toEqual([]);
  });
});

describe('warnings for dates that look like a slip', () => {
  it('a lastModified after today, and an effective date before lastModified', async () => {
    const repo = await createPolicyRepo();
    repo.writeVersion('privacy-policy', { version: '2025-06-01', status: 'draft' });
    repo.writeVersion('california-privacy-notice', {
      version: '2025-01-15',
      effective: '2025-01-10',
      status: 'draft',
    });
    const run = await repo.cli('check');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "warning: content/policies/california-privacy-notice/2025-01-15.mdx:5
        effective: is 2025-01-10, before lastModified (2025-01-15)
        hint: A version takes effect on or after the day it was last modified. Check both dates, or delete the \`effective:\` line to take effect on lastModified.

      warning: content/policies/privacy-policy/2025-06-01.mdx:4
        lastModified: is 2025-06-01, after today (2025-03-01)
        hint: The site prints it as "Last Modified", so it should be the day the text was last changed, not a day to come. For a version that takes effect later, keep lastModified and add \`effective: YYYY-MM-DD\`.

      policy check: passed (4 versions, 2 warnings).
      "
    `);
  });
});
