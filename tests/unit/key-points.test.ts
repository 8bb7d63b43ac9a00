/**
 * Key points in the front matter: read into the version record and nowhere near the text (its
 * canonical text and SHA-256 are the same with or without them); every mistake named at the
 * point's own line with a hint whose fix ends it; and, once published, never changed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectContent } from '../../src/lib/content/load.ts';
import { toRecord } from '../../src/lib/versions/record.ts';
import { site } from '../../src/site.config.ts';
import { createPolicyRepo, versionSource } from '../helpers/policy-repo.ts';

const policies = site.policies.map((p) => p.id);
const name = 'content/policies/privacy-policy/2024-04-25.mdx';
const head = ['title: AllWork Privacy Policy', 'version: 2024-04-25', 'lastModified: 2024-04-25', 'status: draft'];

/** A version file whose front matter ends with `extra` lines. */
const versionText = (extra: readonly string[]): string =>
  `---\n${[...head, ...extra].join('\n')}\n---\n\nWe collect information you give us in the US.\n`;

/** Load a content folder holding only that file. */
function load(text: string) {
  const root = mkdtempSync(path.join(tmpdir(), 'key-points-'));
  mkdirSync(path.join(root, 'content/policies/privacy-policy'), { recursive: true });
  writeFileSync(path.join(root, name), text);
  return collectContent(path.join(root, 'content/policies'), { policies, root });
}

const hint =
  'Write each point on its own line under `keyPoints:`, starting with two spaces, a dash and a space (`  - We never sell your information.`); put a point that contains a colon between straight double quotes. Remove the whole `keyPoints:` block for no key points.';

describe('key points are read beside the text, not into it', () => {
  it('a list of plain texts, trimmed, in the record; the canonical text and SHA-256 are those without them', () => {
    const withPoints = load(
      versionText(['keyPoints:', '  - We never sell your information.  ', '  - "You choose: opt out."']),
    );
    const without = load(versionText([]));
    expect(withPoints.problems).toEqual([]);
    const [a] = withPoints.versions.map((v) => toRecord(v));
    const [b] = without.versions.map((v) => toRecord(v));
    expect(a?.keyPoints).toEqual(['We never sell your information.', 'You choose: opt out.']);
    expect(b?.keyPoints).toEqual([]);
    expect(a?.canonicalText).toBe(b?.canonicalText);
    expect(a?.sha256).toBe(b?.sha256);
    expect(a?.canonicalText).not.toContain('never sell');
  });
});

describe('mistakes in key points: the point, its line, and a hint that ends the problem', () => {
  it('a point with a colon, which YAML reads as "name: value"', () => {
    const text = versionText(['keyPoints:', '  - We never sell your information.', '  - You choose: opt out.']);
    expect(load(text).problems).toEqual([
      {
        file: name,
        line: 8,
        field: 'keyPoints',
        message: 'point 2 has a colon followed by a space, so it is read as `name: value`, not as text',
        hint: 'Put the point between straight double quotes: `- "You choose: opt out."`.',
      },
    ]);
    expect(text.split('\n')[7]).toBe('  - You choose: opt out.');
    const fixed = load(text.replace('  - You choose: opt out.', '  - "You choose: opt out."'));
    expect(fixed.problems).toEqual([]);
    expect(fixed.versions[0]?.keyPoints).toEqual(['We never sell your information.', 'You choose: opt out.']);
  });

  it('an empty point and a number, each at its line; a single text instead of a list', () => {
    expect(load(versionText(['keyPoints:', '  - One.', '  -', '  - 2025'])).problems).toEqual([
      { file: name, line: 8, field: 'keyPoints', message: 'point 2 is empty', hint },
      { file: name, line: 9, field: 'keyPoints', message: 'point 3 is 2025, but must be text', hint },
    ]);
    expect(load(versionText(['keyPoints: We never sell your information.'])).problems).toEqual([
      {
        file: name,
        line: 6,
        field: 'keyPoints',
        message: 'is "We never sell your information.", but must be a list, one point per line',
        hint,
      },
    ]);
    expect(load(versionText(['keyPoints:'])).problems).toEqual([
      { file: name, line: 6, field: 'keyPoints', message: 'is empty', hint },
    ]);
  });

  it('curly quotes around a point, too many points, a point too long', () => {
    expect(load(versionText(['keyPoints:', '  - “We never sell it.”'])).problems).toEqual([
      {
        file: name,
        line: 7,
        field: 'keyPoints',
        message: 'point 1 is “We never sell it.”, in curly quotes (“ ”), which would be printed as part of the point',
        hint: 'Use straight quotes (") or none: `- We never sell it.`.',
      },
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => `  - Point ${i + 1}.`);
    expect(load(versionText(['keyPoints:', ...eleven])).problems).toEqual([
      { file: name, line: 6, field: 'keyPoints', message: 'has more than 10 points', hint },
    ]);
    expect(load(versionText(['keyPoints:', `  - ${'a'.repeat(301)}`])).problems).toEqual([
      {
        file: name,
        line: 7,
        field: 'keyPoints',
        message: 'point 1 has 301 characters, more than 300',
        hint: 'Shorten it to one plain sentence, or make it two points: the key points are a short summary read before the text.',
      },
    ]);
  });
});

describe('key points of a published version never change', () => {
  const file = 'content/policies/privacy-policy/2024-04-25.mdx';
  const addPoints = (text: string, points: string): string =>
    text.replace('change: substantive\n', `change: substantive\nkeyPoints:\n${points}`);

  it('adding key points to a version on the base branch is refused, naming the commit', async () => {
    const repo = await createPolicyRepo();
    repo.write(file, addPoints(repo.read(file), '  - We never sell your information.\n'));
    await repo.commit('points', 'Add key points', '2024-06-01T08:30:00Z');
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `error: ${file}\n  keyPoints: changed in commit <points> (“Add key points”, Dana Legal, 2024-06-01), after the version was published in commit <initial> (2024-04-25)`,
    );
  });

  it('editing published key points is refused, uncommitted too; re-wrapping them in YAML is no change', async () => {
    const repo = await createPolicyRepo({ seed: false });
    repo.writeVersion('california-privacy-notice', { version: '2024-04-25' });
    repo.write(
      file,
      addPoints(versionSource('privacy-policy', { version: '2024-04-25' }), '  - We never sell your information.\n'),
    );
    await repo.commit('initial', 'Add the policies', '2024-04-25T12:00:00Z');
    expect((await repo.cli('check')).code).toBe(0);
    // The same point, written as a quoted YAML string: the same key points.
    repo.write(
      file,
      repo.read(file).replace('  - We never sell your information.', '  - "We never sell your information."'),
    );
    expect((await repo.cli('check')).code).toBe(0);
    repo.write(file, repo.read(file).replace('We never sell your information.', 'We rarely sell your information.'));
    const run = await repo.cli('check');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'keyPoints: has uncommitted changes, but the version was published in commit <initial> (2024-04-25) and cannot change',
    );
  });

  it('a new version may have key points before it is merged', async () => {
    const repo = await createPolicyRepo();
    await repo.branch('new-version');
    repo.write(
      'content/policies/privacy-policy/2025-01-15.mdx',
      addPoints(
        repo
          .read(file)
          .replaceAll('2024-04-25', '2025-01-15')
          .replace(/^sha256: .*\n/m, 'summary: Key points.\n'),
        '  - We never sell your information.\n',
      ),
    );
    await repo.commit('proposal', 'Publish privacy-policy 2025-01-15', '2025-01-15T12:00:00Z');
    const run = await repo.cli('check');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('`policy new` copies them into the draft, and says to check them', async () => {
    const repo = await createPolicyRepo({ seed: false });
    repo.writeVersion('california-privacy-notice', { version: '2024-04-25' });
    repo.write(file, addPoints(versionSource('privacy-policy', { version: '2024-04-25' }), '  - We never sell it.\n'));
    await repo.commit('initial', 'Add the policies', '2024-04-25T12:00:00Z');
    const run = await repo.cli('new', 'privacy-policy', '--date', '2025-01-15');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '     The key points (`keyPoints:`) were copied too: make them say what the new text says, or delete them.\n',
    );
    expect(repo.read('content/policies/privacy-policy/2025-01-15.mdx')).toContain(
      'keyPoints:\n  - We never sell it.\n',
    );
    // Without key points, no such line (the rest of the output: policy-cli.test.ts).
    const plain = await createPolicyRepo();
    expect((await plain.cli('new', 'privacy-policy', '--date', '2025-01-15')).stdout).not.toContain('key points');
  });
});
