/**
 * The content check a pull request must pass: `policy check --base <base>`, so published means
 * "on the base branch", in the output format CI wants (annotations in the log, Markdown for the
 * summary). A CLI without these options still checks, as plain text against the checkout's
 * history, and says so instead of failing on an unknown option.
 */
import { policySupports, runPolicy, type CliResult } from './policy-cli.ts';

export type CheckFormat = 'text' | 'markdown' | 'github';

export interface ContentCheck extends CliResult {
  /** The arguments `policy` ran with. */
  readonly args: readonly string[];
  /** The format of `stdout`: the one asked for when the CLI has it, else text. */
  readonly format: CheckFormat;
  /** Set when the check could not do all it was asked (why, in one sentence). */
  readonly note?: string;
}

export function runContentCheck(cwd: string, base: string, format: CheckFormat = 'text'): ContentCheck {
  const hasBase = policySupports('check', '--base');
  const hasFormat = format === 'text' || (policySupports('check', '--format') && policySupports('check', format));
  const args = [
    'check',
    ...(hasBase ? ['--base', base] : []),
    ...(format !== 'text' && hasFormat ? ['--format', format] : []),
  ];
  const note = hasBase
    ? undefined
    : `This version of \`policy check\` has no --base option: it checked against the history of this checkout, not against ${base} as such.`;
  return { ...runPolicy(cwd, args), args, format: hasFormat ? format : 'text', ...(note ? { note } : {}) };
}
