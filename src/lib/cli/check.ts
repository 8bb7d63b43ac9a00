/** `policy check`: run every rule and print all problems at once. Exit 1 when any is an error. */
import { appendFileSync } from 'node:fs';
import { checkContent, type CheckReport } from '../publishing/checks.ts';
import { githubReport, markdownReport, textReport, type CheckFormat } from './check-format.ts';
import { namedFile, type CliContext } from './context.ts';

export { formatProblems } from './check-format.ts';

/** Run the check the way the CLI, the build and `publish` do. */
export function runChecks(context: CliContext): Promise<CheckReport> {
  return checkContent({
    contentDir: context.contentDir,
    root: context.cwd,
    policies: context.policies,
    today: context.today,
    ...(context.git ? { git: context.git } : {}),
  });
}

export interface CheckCommandOptions {
  readonly format: CheckFormat;
  /** Also append the results as Markdown to this file (a CI job summary, e.g. $GITHUB_STEP_SUMMARY). */
  readonly summary: string | undefined;
}

const renderers = { text: textReport, markdown: markdownReport, github: githubReport } as const;

export async function checkCommand(
  context: CliContext,
  options: CheckCommandOptions = { format: 'text', summary: undefined },
): Promise<number> {
  const report = await runChecks(context);
  // One stream, so the problems and the verdict stay in order in a build log.
  context.stdout.write(renderers[options.format](report));
  if (options.summary) appendFileSync(namedFile(context, options.summary), markdownReport(report));
  return report.errors.length ? 1 : 0;
}
