/**
 * `policy publish <policy> [<version>] [--tag]`: check, then mark the draft published, record the
 * SHA-256 of its text, and commit exactly that file as "Publish <policy> <version>".
 * It refuses, changing nothing, when the check fails, the summary is missing or other changes
 * are staged (they would not be in the commit, which would surprise whoever staged them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fieldHints } from '../content/schema.ts';
import { openHistory, repoPath, type Repository } from '../publishing/git.ts';
import { textSha256 } from '../publishing/hash.ts';
import { formatProblems, runChecks } from './check.ts';
import { Refusal, UsageError, policyVersions, requirePolicy, type CliContext } from './context.ts';
import { editFrontmatter } from './frontmatter.ts';

async function stagedFiles(repo: Repository): Promise<string[]> {
  try {
    return (await repo.git.raw(['diff', '--cached', '--name-only'])).split('\n').filter(Boolean);
  } catch {
    // No commit yet: everything in the index is staged.
    return (await repo.git.raw(['ls-files'])).split('\n').filter(Boolean);
  }
}

export async function publishCommand(
  context: CliContext,
  policyId: string | undefined,
  versionId: string | undefined,
  tag: boolean,
): Promise<number> {
  const policy = requirePolicy(context, policyId);
  const history = await openHistory(context.contentDir, context.git);
  const repo = history.repo;
  if (!repo) {
    const reason = history.available ? '' : history.reason;
    throw new Refusal(
      `Cannot publish: ${reason}. Publishing commits the version with git; run it in a clone of the repository.`,
    );
  }

  const { versions, problems } = policyVersions(context, policy);
  if (problems.length) throw new Refusal('The check found problems; nothing was published.', problems);
  const drafts = versions.filter((v) => v.status === 'draft');
  let draft = drafts[0];
  if (versionId !== undefined) {
    draft = versions.find((v) => v.version === versionId);
    if (!draft)
      throw new UsageError(
        `"${versionId}" is not a version of the ${policy.name}. Drafts: ${drafts.map((d) => d.version).join(', ') || 'none'}.`,
      );
    if (draft.status === 'published')
      throw new Refusal(`${draft.file} is already published; a published version never changes.`);
  } else if (!draft) {
    throw new Refusal(
      `The ${policy.name} has no draft to publish. Start one with \`npm run policy -- new ${policy.id}\`.`,
    );
  } else if (drafts.length > 1) {
    throw new Refusal(
      `The ${policy.name} has ${drafts.length} drafts (${drafts.map((d) => d.version).join(', ')}). Name the one to publish: \`npm run policy -- publish ${policy.id} <version>\`.`,
    );
  }
  const version = draft.version;
  const absolute = path.resolve(context.cwd, draft.file);
  const relative = repoPath(repo, absolute);
  if (relative === null) throw new Refusal(`${draft.file} is outside the git repository at ${repo.root}.`);

  if (!draft.summary && versions.some((v) => v.status === 'published')) {
    throw new Refusal('A new version needs a summary of what changed; nothing was published.', [
      { file: draft.file, field: 'summary', message: 'is empty', hint: fieldHints.summary ?? '' },
    ]);
  }
  const staged = await stagedFiles(repo);
  const others = staged.filter((file) => file !== relative);
  if (others.length) {
    throw new Refusal(
      [
        'Other changes are staged for commit, and publishing commits only the version file; nothing was published.',
        `  staged: ${others.join(', ')}`,
        '  hint: Commit them first, or unstage them with `git restore --staged <file>` (your edits stay in the files).',
      ].join('\n'),
    );
  }
  const tagName = `${policy.id}/${version}`;
  if (tag && (await repo.git.raw(['tag', '--list', tagName])).trim()) {
    throw new Refusal(`The tag ${tagName} already exists; nothing was published.`);
  }
  const before = await runChecks(context);
  if (before.errors.length) throw new Refusal('The check found problems; nothing was published.', before.errors);

  const original = readFileSync(absolute, 'utf8');
  const restore = async (): Promise<void> => {
    writeFileSync(absolute, original);
    await repo.git
      .raw(staged.includes(relative) ? ['add', '--', relative] : ['reset', '-q', '--', relative])
      .catch(() => '');
  };
  writeFileSync(absolute, editFrontmatter(original, { status: 'published', sha256: textSha256(draft.document) }));
  const after = await runChecks(context);
  if (after.errors.length) {
    await restore();
    throw new Refusal('As published, the version would break the check; nothing was published.', after.errors);
  }
  const message = `Publish ${policy.id} ${version}`;
  try {
    await repo.git.raw(['add', '--', relative]);
    await repo.git.raw(['commit', '--quiet', '-m', message, '--', relative]);
  } catch (error) {
    await restore();
    throw new Refusal(
      `git could not commit, so nothing was published:\n  ${(error as Error).message.trim().split('\n').join('\n  ')}`,
    );
  }
  const commit = (await repo.git.raw(['rev-parse', '--short', 'HEAD'])).trim();
  if (tag) await repo.git.raw(['tag', '--annotate', tagName, '--message', message]);

  const warnings = after.warnings.filter((w) => !(w.file === draft.file && w.field === 'status'));
  context.stdout.write(formatProblems(warnings, 'warning'));
  const pushTag = tag ? ` && git push origin ${tagName}` : '';
  // On the base branch the commit publishes it; on any other branch, merging it does.
  const branch = (await repo.git.raw(['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
  const base = history.available ? history.base.ref : 'main';
  const onBase = branch === base || base.endsWith(`/${branch}`);
  context.stdout.write(
    [
      onBase
        ? `Published ${policy.id} ${version} in commit ${commit} ("${message}").`
        : `Marked ${policy.id} ${version} published in commit ${commit} ("${message}") on the branch ${branch}: merging it into ${base} publishes it.`,
      ...(tag ? [`Tagged ${tagName}.`] : []),
      onBase
        ? `Next: push it (\`git push${pushTag}\`), or open a pull request; the site shows it once it is built.`
        : `Next: push it (\`git push -u origin ${branch}${pushTag}\`) and open a pull request; reviewers' corrections can still be committed to it until it is merged.`,
      '',
    ].join('\n'),
  );
  return 0;
}
