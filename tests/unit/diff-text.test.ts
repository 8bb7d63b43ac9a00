/**
 * The diff as text (src/lib/diff/text.ts): what `npm run policy -- diff` prints and what the
 * golden files hold. It must list the same changes as the site's changes page: same counts, same
 * numbered changes, moves and renamed sections included.
 * (The cases formerly in policy-diff.test.ts, on the CLI's own comparison, are here and in the goldens.)
 */
import { describe, expect, it } from 'vitest';
import { renderChangesBody, renderChangesSummary } from '../../src/lib/render/changes.ts';
import { diffVersions } from '../../src/lib/diff/index.ts';
import { diffToText } from '../../src/lib/diff/text.ts';
import { parseDocument } from '../../src/lib/document/parse.ts';
import { createPolicyRepo, titles } from '../helpers/policy-repo.ts';

const title = titles['privacy-policy'] ?? '';

describe('diffToText', () => {
  it('says so when nothing changed', () => {
    const doc = parseDocument('T', 'Intro.\n\n## Rights\n\nYou may ask us.');
    expect(diffToText(diffVersions(doc, doc))).toBe(
      '0 changes: 0 words added, 0 removed; 0 sections changed, 0 added, 0 removed, 0 renamed; 0 passages moved\n\nNo changes to the text.\n',
    );
  });

  it('reports an added paragraph, a removed list item and a changed sentence, by section', () => {
    const before = parseDocument(
      'T',
      'Intro.\n\n## Rights\n\nYou may ask us.\n\n- Access\n- Deletion\n- Portability\n',
    );
    const after = parseDocument(
      'T',
      'Intro.\n\n## Rights\n\nYou may ask us at any time.\n\n- Access\n- Portability\n\nWe answer within 45 days.\n',
    );
    expect(diffToText(diffVersions(before, after))).toMatchInlineSnapshot(`
      "3 changes: 9 words added, 2 removed; 1 section changed, 0 added, 0 removed, 0 renamed; 0 passages moved

      changed Rights (#rights; +9 -2 words)
        1. changed paragraph
           You may ask [-us.-] {+us at any time.+}
        2. removed list item
           [-Deletion-]
        3. added paragraph
           {+We answer within 45 days.+}
      "
    `);
  });

  it('colours added and removed words on request, keeping their markers', () => {
    const text = diffToText(diffVersions(parseDocument('T', 'Ask us.'), parseDocument('T', 'Ask them.')), {
      color: true,
    });
    expect(text).toContain('Ask \x1b[31m[-us.-]\x1b[0m \x1b[32m{+them.+}\x1b[0m');
    expect(text).toContain('\x1b[1mchanged Opening text (#top; +1 -1 words)\x1b[0m');
  });
});

/** Counts and numbered changes as the CLI prints them. */
function cliView(stdout: string) {
  const counts =
    /^(\d+) changes?: (\d+) words? added, (\d+) removed; (\d+) sections? changed, (\d+) added, (\d+) removed, (\d+) renamed; (\d+) passages? moved$/m
      .exec(stdout)
      ?.slice(1)
      .map(Number);
  const changes = [...stdout.matchAll(/^ {2}(\d+)\. (\w+)/gm)].map((m) => [Number(m[1]), m[2]]);
  return { counts, changes };
}

/** The same, read from the HTML of the site's changes page. */
function siteView(summary: string, body: string) {
  const li = (what: string) => Number(new RegExp(`<li>(\\d+) ${what}`).exec(summary)?.[1]);
  const changes = [...body.matchAll(/class="change change-(\w+)" id="change-(\d+)"/g)].map((m) => [Number(m[2]), m[1]]);
  const counts = [
    changes.length,
    li('words? added'),
    li('words? removed'),
    li('sections? changed'),
    li('sections? added'),
    li('sections? removed'),
    li('sections? renamed'),
    li('passages? moved'),
  ];
  return { counts, changes };
}

/** A CLI status word as the site's class names it ("section renamed…" → renamed). */
const statusOf = (word: unknown): unknown => (word === 'section' ? 'renamed' : word);

async function compareCliWithSite(older: string, newer: string) {
  const repo = await createPolicyRepo({ seed: false });
  repo.writeVersion('privacy-policy', { version: '2024-04-25' }, older);
  repo.writeVersion('privacy-policy', { version: '2025-01-15' }, newer);
  const run = await repo.cli('diff', 'privacy-policy');
  expect(run.code).toBe(0);
  const diff = diffVersions(parseDocument(title, older), parseDocument(title, newer));
  const cli = cliView(run.stdout);
  const site = siteView(renderChangesSummary(diff), renderChangesBody(diff, 'full'));
  expect(cli.counts).toEqual(site.counts);
  expect(cli.changes.map(([n, word]) => [n, statusOf(word)])).toEqual(site.changes);
  expect(cli.changes.map(([n]) => n)).toEqual(diff.blocks.filter((b) => b.change !== null).map((b) => b.change));
  return { stdout: run.stdout, diff, body: renderChangesBody(diff, 'full') };
}

describe('policy diff lists what the changes page lists', () => {
  it('a paragraph moved to another section', async () => {
    const older =
      'Intro.\n\n## Sharing\n\nWe share aggregated data.\n\nWe never sell data.\n\n## Security\n\nWe encrypt.\n';
    const newer =
      'Intro.\n\n## Sharing\n\nWe share aggregated data.\n\n## Security\n\nWe encrypt.\n\nWe never sell data.\n';
    const { stdout, diff, body } = await compareCliWithSite(older, newer);
    expect(diff.counts).toMatchObject({ changes: 1, blocksMoved: 1, wordsAdded: 0, wordsRemoved: 0 });
    expect(stdout).not.toContain('No changes');
    expect(stdout).toContain('1. moved paragraph from “Sharing”, text unchanged');
    expect(body).toContain('Change 1 of 1: paragraph moved here from “Sharing”, text unchanged');
  });

  it('a heading renamed, keeping its id', async () => {
    const older = 'Intro.\n\n## Your Choices {#your-choices}\n\nWrite to us.\n\n## Security\n\nWe encrypt.\n';
    const newer =
      'Intro.\n\n## Your Choices and Controls {#your-choices}\n\nWrite to us.\n\n## Security\n\nWe encrypt.\n';
    const { stdout, diff, body } = await compareCliWithSite(older, newer);
    expect(diff.counts).toMatchObject({ changes: 1, sectionsRenamed: 1, sectionsAdded: 0, sectionsRemoved: 0 });
    expect(stdout).toContain('renamed Your Choices and Controls (#your-choices; +2 -0 words)');
    expect(stdout).toContain('1. section renamed from “Your Choices” to “Your Choices and Controls”');
    expect(body).toContain('Change 1 of 1: section renamed from “Your Choices” to “Your Choices and Controls”');
    const summary = renderChangesSummary(diff);
    expect(summary).toContain(
      '<li>0 sections changed</li><li>0 sections added</li><li>0 sections removed</li><li>1 section renamed</li>',
    );
    expect(summary).toContain('<a href="#change-1">Your Choices and Controls</a>: renamed from “Your Choices”</li>');
  });

  it('every kind at once: changed, removed, added, moved and renamed, numbered alike', async () => {
    const older =
      'Intro.\n\n## Sharing\n\nWe share aggregated data with partners.\n\nWe never sell data.\n\n- Access\n- Deletion\n\n## Old Security {#security}\n\nWe encrypt.\n';
    const newer =
      'Intro.\n\n## Sharing\n\nWe share aggregated data with our partners.\n\n- Access\n\n## New Security {#security}\n\nWe encrypt.\n\nWe never sell data.\n\nWe answer within 45 days.\n';
    const { diff } = await compareCliWithSite(older, newer);
    expect(diff.counts).toMatchObject({ changes: 5, blocksMoved: 1, sectionsChanged: 2 });
    expect(diff.blocks.filter((b) => b.change !== null).map((b) => b.status)).toEqual([
      'changed',
      'removed',
      'renamed',
      'moved',
      'added',
    ]);
  });
});
