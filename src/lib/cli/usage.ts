/** Help text of `npm run policy`, for the whole tool and for each command. */
import type { PolicyInfo } from '../../site.config.ts';

export const commands = ['new', 'diff', 'check', 'publish', 'history', 'sign', 'verify'] as const;
export type CommandName = (typeof commands)[number];

const summaries: Record<CommandName, { usage: string; line: string; text: string }> = {
  new: {
    usage: 'new <policy> [--date YYYY-MM-DD]',
    line: 'start a draft: copy the latest version to a file named by the date',
    text: 'Copy the latest version to a new draft named by the date (default: today): status draft, version and\nlastModified set to the date, empty summary.',
  },
  diff: {
    usage: 'diff <policy> [<from> <to>]',
    line: 'show the words changed between two versions',
    text: 'Show the words changed between two versions: [-removed-] and {+added+}, coloured on a terminal.\nWithout versions: the draft (or the newest version) against the published version before it.',
  },
  check: {
    usage: 'check [--base REF] [--format F] [--summary FILE]',
    line: 'check every version; list all problems with file, line, field and hint',
    text: [
      'Check every version: front matter, version = file name, dates in order, one current version per policy,',
      'and every version on the base branch unchanged (text and metadata) since the commit that published it.',
      'Warns when provenance is unavailable, when dates look like a slip and when a policy was last modified',
      'more than 12 months ago. Lists every problem with file, line, field and hint; exits 1 on any error.',
      '',
      '  --base REF       the branch whose history says what is published (default: $POLICY_BASE_BRANCH,',
      '                   else main, else origin/main); on a pull request, e.g. --base origin/main',
      '  --format F       text (default), markdown, or github (workflow annotations on the lines)',
      '  --summary FILE   also append the results as Markdown to FILE, e.g. "$GITHUB_STEP_SUMMARY"',
    ].join('\n'),
  },
  publish: {
    usage: 'publish <policy> [<version>] [--tag]',
    line: 'check, mark the draft published and commit only that file',
    text: 'Check, then mark the draft published, record the SHA-256 of its text, and commit only that file as\n"Publish <policy> <version>". On a branch, merging it into the base branch publishes it. --tag also\ncreates the annotated tag <policy>/<version>. Refuses a draft without a summary, and a working tree\nwith other staged changes.',
  },
  history: {
    usage: 'history <policy> [--base REF]',
    line: 'list the versions: dates, change, publishing commit, summary',
    text: 'List every version with its effective date, change kind, the commit of the base branch that published it\n(its author and day) and its summary. A version marked published that the base branch does not have yet\nis listed "on merge".',
  },
  sign: {
    usage: 'sign',
    line: 'sign and time-stamp every published version that has no evidence yet (the deploy does it)',
    text: [
      'Sign the canonical text of every published version without evidence with the key in SIGNING_KEY, get an',
      'RFC 3161 time-stamp token for it from TSA_URL, check both, and write <version>.sig and <version>.tsr',
      'beside the version. Versions with evidence are left alone. Without SIGNING_KEY or TSA_URL it signs',
      'nothing. An authority that cannot be reached is reported and retried on the next run.',
    ].join('\n'),
  },
  verify: {
    usage: 'verify <file-or-url> [--keys F] [--tsa-ca F]',
    line: 'check a downloaded text or a version address: hash, signature, key, time-stamp',
    text: [
      'Check a version: a downloaded canonical.txt (with canonical.txt.sig and canonical.txt.tsr beside it;',
      'offline) or its address, e.g. https://policies.allworknow.com/privacy-policy/2024-04-25/. Checks, in',
      'order: the files are there, the text is a published version (SHA-256), the signature is of this text,',
      'its key is in the key list and was valid at the time-stamp, the token is for this text and signed by the',
      'authority (openssl ts -verify). Names the check that failed; exits 1 if any did.',
      '',
      '  --keys F        the key list (allowed_signers) to trust; default: allowed_signers beside the file,',
      "                  else content/keys/allowed_signers; for an address, the site's /keys/allowed_signers",
      "  --tsa-ca F      the authority's CA certificate (PEM); default: tsa-ca.pem beside the file, else",
      "                  content/keys/tsa-ca.pem; for an address, the site's /keys/tsa-ca.pem",
    ].join('\n'),
  },
};

/** The whole tool's help. */
export function mainHelp(policies: readonly PolicyInfo[]): string {
  const width = Math.max(...commands.map((c) => summaries[c].usage.length));
  return [
    'Usage: npm run policy -- <command> [arguments]',
    '',
    'Publish new versions of the policies through git. Each version is one file,',
    'content/policies/<policy>/<version>.mdx, and a published version never changes.',
    'Step-by-step guide: docs/publishing.md',
    '',
    'Commands:',
    ...commands.map((c) => `  ${summaries[c].usage.padEnd(width)}  ${summaries[c].line}`),
    '',
    `Policies: ${policies.map((p) => p.id).join(', ')}`,
    '',
    'Options:',
    '  -h, --help   Show help; `npm run policy -- <command> --help` shows a command’s help.',
    '',
    'Exit codes: 0 done · 1 refused (the message says why and how to fix it) · 2 wrong usage.',
    '',
  ].join('\n');
}

/** One command's help. */
export function commandHelp(command: CommandName): string {
  const { usage, text } = summaries[command];
  return `Usage: npm run policy -- ${usage}\n\n${text}\n`;
}
