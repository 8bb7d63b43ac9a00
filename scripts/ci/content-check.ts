/**
 * The content check a pull request must pass: `policy check --base <base>`, so published means
 * "on the base branch". A CLI without `--base` still checks, against the local history, and says
 * so instead of failing on an unknown option.
 */
import { policySupports, runPolicy, type CliResult } from './policy-cli.ts';

export interface ContentCheck extends CliResult {
  /** The arguments `policy` ran with. */
  readonly args: readonly string[];
  /** Set when the check could not do all it was asked (why, in one sentence). */
  readonly note?: string;
}

export function runContentCheck(cwd: string, base: string): ContentCheck {
  if (policySupports('check', '--base')) {
    const args = ['check', '--base', base];
    return { ...runPolicy(cwd, args), args };
  }
  const args = ['check'];
  return {
    ...runPolicy(cwd, args),
    args,
    note: `This version of \`policy check\` has no --base option: it checked against the history of this checkout, not against ${base} as such.`,
  };
}
