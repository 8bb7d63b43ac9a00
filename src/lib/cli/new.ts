/** `policy new <policy> [--date YYYY-MM-DD]`: start a draft by copying the latest version. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isoDate } from '../content/schema.ts';
import { Refusal, UsageError, policyVersions, requirePolicy, shown, type CliContext } from './context.ts';
import { editFrontmatter } from './frontmatter.ts';

export function newCommand(context: CliContext, policyId: string | undefined, date: string | undefined): number {
  const policy = requirePolicy(context, policyId);
  const day = date ?? context.today;
  const valid = isoDate.safeParse(day);
  if (!valid.success)
    throw new UsageError(`--date ${day} ${valid.error.issues[0]?.message ?? 'is not a date'}, e.g. --date 2025-09-01.`);
  const folder = path.join(context.contentDir, policy.id);
  const { versions, problems } = policyVersions(context, policy);
  if (problems.length) {
    throw new Refusal(
      `Fix the ${policy.name}'s files first (\`npm run policy -- check\` lists every problem):`,
      problems,
    );
  }
  const draft = versions.find((v) => v.status === 'draft');
  if (draft) {
    throw new Refusal(
      `There is already a draft of the ${policy.name}: ${draft.file}. Edit and publish it, or delete it, before starting another.`,
    );
  }
  const latest = versions.at(-1);
  if (!latest) {
    throw new Refusal(
      `The ${policy.name} has no version to copy. Write its first version by hand as ${shown(context, folder)}/${day}.mdx (see docs/publishing.md).`,
    );
  }
  if (day < latest.version.slice(0, 10)) {
    throw new Refusal(`${day} is before the latest version, ${latest.version}: a new version's date comes after it.`);
  }
  // A second version on the same day gets the suffix -2, a third -3 (docs/decisions/0001-versions.md).
  let version = day;
  for (let n = 2; existsSync(path.join(folder, `${version}.mdx`)); n++) version = `${day}-${n}`;
  const target = path.join(folder, `${version}.mdx`);
  const source = readFileSync(path.resolve(context.cwd, latest.file), 'utf8');
  const draftSource = editFrontmatter(source, {
    version,
    lastModified: day,
    effective: null,
    status: 'draft',
    summary: '',
    sha256: null,
  });
  writeFileSync(target, draftSource, { flag: 'wx' });
  context.stdout.write(
    [
      `Created ${shown(context, target)}, a draft copied from ${latest.version}.`,
      'Next:',
      '  1. Edit the text. Write what changed in `summary:`; set `change: editorial` if only the wording changed,',
      '     and add `effective: YYYY-MM-DD` if it takes effect on another day than its date.',
      ...(latest.keyPoints.length
        ? ['     The key points (`keyPoints:`) were copied too: make them say what the new text says, or delete them.']
        : []),
      `  2. See the changes: npm run policy -- diff ${policy.id}`,
      `  3. Publish it:      npm run policy -- publish ${policy.id}`,
      '',
    ].join('\n'),
  );
  return 0;
}
