/** `policy check`: run every rule and print all problems at once. Exit 1 when any is an error. */
import { formatProblem, type ContentProblem } from '../content/errors.ts';
import { checkContent, type CheckReport } from '../publishing/checks.ts';
import type { CliContext } from './context.ts';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Problems as printed: `error:` or `warning:`, then file, field, message and hint. */
export function formatProblems(problems: readonly ContentProblem[], kind: 'error' | 'warning'): string {
  return problems.map((problem) => `${kind}: ${formatProblem(problem)}\n\n`).join('');
}

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

export async function checkCommand(context: CliContext): Promise<number> {
  const report = await runChecks(context);
  // One stream, so the problems and the verdict stay in order in a build log.
  context.stdout.write(formatProblems(report.errors, 'error') + formatProblems(report.warnings, 'warning'));
  const versions = plural(report.versions.length, 'version');
  const warnings = report.warnings.length ? `, ${plural(report.warnings.length, 'warning')}` : '';
  if (report.errors.length) {
    context.stdout.write(
      `policy check: failed with ${plural(report.errors.length, 'error')}${warnings} (${versions} read).\n`,
    );
    return 1;
  }
  context.stdout.write(`policy check: passed (${versions}${warnings}).\n`);
  return 0;
}
