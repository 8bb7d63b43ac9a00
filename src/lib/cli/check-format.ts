/**
 * The check's results as a pull request shows them: plain text for the log, Markdown for a job
 * summary (`--format markdown`, `--summary FILE`), and GitHub workflow commands (`--format github`),
 * which put each problem on its line of the pull request's diff.
 */
import { formatProblem, type ContentProblem } from '../content/errors.ts';
import type { CheckReport } from '../publishing/checks.ts';
import { plural } from '../text.ts';

export const checkFormats = ['text', 'markdown', 'github'] as const;
export type CheckFormat = (typeof checkFormats)[number];

/** Problems as printed: `error:` or `warning:`, then file, field, message and hint. */
export function formatProblems(problems: readonly ContentProblem[], kind: 'error' | 'warning'): string {
  return problems.map((problem) => `${kind}: ${formatProblem(problem)}\n\n`).join('');
}

/** The last line: passed or failed, with the counts. */
export function verdict(report: CheckReport): string {
  const versions = plural(report.versions.length, 'version');
  const warnings = report.warnings.length ? `, ${plural(report.warnings.length, 'warning')}` : '';
  return report.errors.length
    ? `policy check: failed with ${plural(report.errors.length, 'error')}${warnings} (${versions} read).`
    : `policy check: passed (${versions}${warnings}).`;
}

const baseRef = (report: CheckReport): string | null => (report.history.available ? report.history.base.ref : null);

function pendingLines(report: CheckReport): string[] {
  const base = baseRef(report);
  if (!report.pending.length || !base) return [];
  return [`Merging into ${base} publishes: ${report.pending.map((p) => `${p.policy} ${p.version}`).join(', ')}.`];
}

export function textReport(report: CheckReport): string {
  const lines = [...pendingLines(report), verdict(report)];
  return formatProblems(report.errors, 'error') + formatProblems(report.warnings, 'warning') + lines.join('\n') + '\n';
}

/** Markdown text outside code spans: `<`, `>` and `&` escaped, so `<!-- … -->` in a message stays visible. */
function markdownText(text: string): string {
  return text
    .split('`')
    .map((part, index) =>
      index % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|'),
    )
    .join('`');
}

function markdownProblems(title: string, problems: readonly ContentProblem[]): string[] {
  if (!problems.length) return [];
  const items = problems.map((problem) => {
    const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
    return [
      `- **\`${where}\`** · \`${problem.field}\`: ${markdownText(problem.message)}`,
      `  Fix: ${markdownText(problem.hint)}`,
    ].join('<br>\n');
  });
  return [`### ${title}`, '', ...items, ''];
}

export function markdownReport(report: CheckReport): string {
  const base = baseRef(report);
  const status = report.errors.length ? 'failed' : 'passed';
  const facts = [
    plural(report.versions.length, 'version') + ' read',
    base ? `published versions judged against \`${base}\`` : 'provenance unavailable',
  ];
  return [
    `## Policy check ${status}`,
    '',
    `${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')} · ${facts.join(' · ')}`,
    '',
    ...pendingLines(report).flatMap((line) => [markdownText(line), '']),
    ...markdownProblems('Errors (they block the merge)', report.errors),
    ...markdownProblems('Warnings', report.warnings),
    'How to fix each problem: docs/publishing.md.',
    '',
  ].join('\n');
}

/** GitHub's workflow-command syntax: `%`, CR and LF escaped in the message; `,` and `:` too in properties. */
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubReport(report: CheckReport): string {
  const command = (kind: 'error' | 'warning', problem: ContentProblem): string => {
    const properties = [`file=${escapeProperty(problem.file)}`];
    if (problem.line) properties.push(`line=${problem.line}`);
    properties.push(`title=${escapeProperty(`${problem.field}: ${problem.message}`.slice(0, 200))}`);
    return `::${kind} ${properties.join(',')}::${escapeData(`${problem.field}: ${problem.message}\nhint: ${problem.hint}`)}`;
  };
  const lines = [
    ...report.errors.map((problem) => command('error', problem)),
    ...report.warnings.map((problem) => command('warning', problem)),
    ...pendingLines(report),
    verdict(report),
  ];
  return `${lines.join('\n')}\n`;
}
