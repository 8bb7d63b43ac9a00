/**
 * Where CI scripts report: warnings as GitHub annotations (plain lines elsewhere), Markdown into
 * the job's summary page (GITHUB_STEP_SUMMARY), or standard output when there is none.
 */
import { appendFileSync } from 'node:fs';

const onGitHub = (): boolean => process.env.GITHUB_ACTIONS === 'true';

/** Annotation values end at a newline; GitHub's escapes keep multi-line messages whole. */
const escapeAnnotation = (text: string): string =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

export function warning(title: string, message: string): void {
  process.stdout.write(
    onGitHub()
      ? `::warning title=${escapeAnnotation(title).replace(/[:,]/g, ' ')}::${escapeAnnotation(message)}\n`
      : `warning: ${title}: ${message}\n`,
  );
}

/** Add Markdown to the job's summary (GitHub renders it on the run's page), or print it. */
export function writeSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown);
  else process.stdout.write(markdown);
}
