/**
 * The pull request summary as Markdown: the content check's verdict and problems, then each
 * version file the branch changes with its words changed against the version before it.
 * Pure: the script gathers the facts (pr-summary.ts), this only writes them down.
 */
import { plural } from '../../src/lib/text.ts';
import type { ContentCheck } from './content-check.ts';
import type { ChangedVersion } from './git.ts';
import { clip, code, fenced } from './markdown.ts';

/** Room for each block of CLI output; the whole summary stays well under GitHub's 1 MiB. */
const outputLimit = 60_000;

export type VersionDiff =
  | { readonly kind: 'diff'; readonly from: string; readonly output: string }
  | { readonly kind: 'first' }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'failed'; readonly output: string };

export interface SummaryFacts {
  readonly base: string;
  readonly baseCommit: string;
  readonly shallow: boolean;
  readonly check: ContentCheck;
  readonly versions: readonly (ChangedVersion & { readonly diff: VersionDiff })[];
}

/** Limits of this run, each with its fix. */
function notes({ check, shallow }: SummaryFacts): string[] {
  const all = [
    ...(check.note ? [check.note] : []),
    ...(shallow
      ? ['This checkout is shallow: provenance is unavailable. Check out with the full history (fetch-depth: 0).']
      : []),
  ];
  return all.length ? ['> [!WARNING]', ...all.map((note) => `> ${note}`), ''] : [];
}

/** The CLI's own Markdown report when it has one (`--format markdown`), else its text, fenced. */
function checkSection(facts: SummaryFacts): string[] {
  const { check } = facts;
  if (check.format === 'markdown' && check.code <= 1 && check.stdout.trim()) {
    return [clip(check.stdout.trim(), outputLimit), '', ...notes(facts)];
  }
  const verdict = check.stdout.trim().split('\n').at(-1) ?? '';
  const lines = [
    '## Policy content',
    '',
    `${check.code === 0 ? '✅ **Checks passed**' : '❌ **Checks failed**'}: ${code(`npm run policy -- ${check.args.join(' ')}`)} said ${code(verdict || `exit code ${check.code}`)}`,
    '',
    ...notes(facts),
  ];
  const details = `${check.stdout.trim().split('\n').slice(0, -1).join('\n')}\n${check.stderr}`.trim();
  if (details) lines.push('Problems, each with its file, field and hint:', '', fenced(clip(details, outputLimit)));
  return lines;
}

function versionSection(version: SummaryFacts['versions'][number]): string[] {
  const heading = `### ${version.policy} ${version.version} (${version.change})`;
  const { diff } = version;
  switch (diff.kind) {
    case 'deleted':
      return [heading, '', `${code(version.file)} is deleted by this pull request.`, ''];
    case 'first':
      return [heading, '', 'The first version of this policy: there is no earlier version to compare with.', ''];
    case 'failed':
      return [heading, '', 'The words changed could not be shown:', '', fenced(clip(diff.output, outputLimit))];
    case 'diff':
      return [
        heading,
        '',
        `Words changed against ${diff.from}: ${code('[-removed-]')}, ${code('{+added+}')}. ` +
          `Locally: ${code(`npm run policy -- diff ${version.policy} ${diff.from} ${version.version}`)}`,
        '',
        fenced(clip(diff.output, outputLimit)),
      ];
  }
}

export function summaryMarkdown(facts: SummaryFacts): string {
  const { versions } = facts;
  const lines = checkSection(facts);
  lines.push(
    `## Versions changed against ${code(facts.base)} (${code(facts.baseCommit.slice(0, 12))})`,
    '',
    versions.length
      ? `This pull request changes ${plural(versions.length, 'version file')}.`
      : 'This pull request changes no policy version.',
    '',
  );
  for (const version of versions) lines.push(...versionSection(version));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
