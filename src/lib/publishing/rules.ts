/**
 * The rules on the versions as they are now, across files: dates in order, one current version per
 * policy, dates that look wrong (warnings), and the yearly update (a warning).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { compareVersionIds, type LoadedVersion } from '../content/load.ts';
import type { ContentProblem } from '../content/errors.ts';
import type { PolicyInfo } from '../../site.config.ts';

export interface RuleOptions {
  readonly contentDir: string;
  readonly policies: readonly PolicyInfo[];
  /** The day the check treats as today (YYYY-MM-DD). */
  readonly today: string;
}

// ---------------------------------------------------------------------------------------------
// Order: each version's dates come after the previous version's (file names give the order).

type DateField = 'lastModified' | 'effective';

/**
 * A problem with one of a version's dates, on the line of that field; an `effective:` the file
 * does not write (it defaults to lastModified) is reported on the lastModified line.
 */
function dateProblem(version: LoadedVersion, field: DateField, message: string, hint: string): ContentProblem {
  const line =
    field === 'effective'
      ? (version.fieldLines?.effective ?? version.fieldLines?.lastModified)
      : version.fieldLines?.lastModified;
  return { file: version.file, line, field, message, hint };
}

const sameDay = (a: LoadedVersion, b: LoadedVersion): boolean => a.version.slice(0, 10) === b.version.slice(0, 10);

function byPolicy(versions: readonly LoadedVersion[]): Map<string, LoadedVersion[]> {
  const map = new Map<string, LoadedVersion[]>();
  for (const version of versions) map.set(version.policy, [...(map.get(version.policy) ?? []), version]);
  for (const list of map.values()) list.sort((a, b) => compareVersionIds(a.version, b.version));
  return map;
}

export function orderProblems(versions: readonly LoadedVersion[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const list of byPolicy(versions).values()) {
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1]!;
      const version = list[i]!;
      const orderHint =
        'Versions are ordered by their file names, so each version’s dates come after the previous one’s. ' +
        'Correct the date, or name the file after the date printed on the version.';
      const lastModifiedWrong =
        version.lastModified < previous.lastModified ||
        (version.lastModified === previous.lastModified && !sameDay(previous, version));
      if (lastModifiedWrong) {
        problems.push(
          dateProblem(
            version,
            'lastModified',
            `is ${version.lastModified}, but the previous version (${previous.version}) was last modified on ${previous.lastModified}`,
            orderHint,
          ),
        );
      }
      // A file without an `effective:` line takes effect on lastModified: when that date is the
      // problem, fixing it fixes both, so the reader is not told to remove a line that is not there.
      const implied = version.fieldLines !== undefined && version.fieldLines.effective === undefined;
      if (implied && lastModifiedWrong) continue;
      const effective = implied
        ? `takes effect on its lastModified day, ${version.effective} (it has no \`effective:\` line)`
        : `is ${version.effective}`;
      if (version.effective < previous.effective) {
        problems.push(
          dateProblem(
            version,
            'effective',
            `${effective}, but the previous version (${previous.version}) takes effect later, on ${previous.effective}`,
            implied
              ? `${orderHint} Or add \`effective: YYYY-MM-DD\` with the day this version takes effect.`
              : orderHint,
          ),
        );
      } else if (version.effective === previous.effective && !sameDay(previous, version)) {
        problems.push(
          dateProblem(
            version,
            'effective',
            `${effective}, the day the previous version (${previous.version}) takes effect too: both would be the current version from that day`,
            implied
              ? `Exactly one version is current on any day. Add \`effective: YYYY-MM-DD\` with the day this version takes effect (after ${previous.effective}).`
              : `Exactly one version is current on any day. Set \`effective:\` to the day this version takes effect (after ${previous.effective}), or remove the line to use lastModified.`,
          ),
        );
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Current: every policy on the site has a published version to show.

export function currencyProblems(
  versions: readonly LoadedVersion[],
  options: RuleOptions,
  display: (absolute: string) => string,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const policy of options.policies) {
    if (versions.some((v) => v.policy === policy.id && v.status === 'published')) continue;
    const folder = path.join(options.contentDir, policy.id);
    const hasFiles = existsSync(folder) && readdirSync(folder).some((name) => name.endsWith('.mdx'));
    problems.push({
      file: display(folder),
      field: 'status',
      message: `the ${policy.name} has no published version, so the site would have no current version of it`,
      hint: hasFiles
        ? `Publish one: \`npm run policy -- publish ${policy.id}\`.`
        : `Add its first version as ${display(folder)}/<date>.mdx and publish it, or remove the policy from src/site.config.ts.`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Dates that are valid but most likely a slip: warnings, so that a version prepared ahead of its
// day can still be merged.

export function dateWarnings(versions: readonly LoadedVersion[], options: RuleOptions): ContentProblem[] {
  const warnings: ContentProblem[] = [];
  for (const version of versions) {
    if (version.lastModified > options.today) {
      warnings.push(
        dateProblem(
          version,
          'lastModified',
          `is ${version.lastModified}, after today (${options.today})`,
          'The site prints it as "Last Modified", so it should be the day the text was last changed, not a day to come. For a version that takes effect later, keep lastModified and add `effective: YYYY-MM-DD`.',
        ),
      );
    }
    if (version.effective < version.lastModified) {
      warnings.push(
        dateProblem(
          version,
          'effective',
          `is ${version.effective}, before lastModified (${version.lastModified})`,
          'A version takes effect on or after the day it was last modified. Check both dates, or delete the `effective:` line to take effect on lastModified.',
        ),
      );
    }
  }
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// Yearly update: California Civil Code §1798.130(a)(5) requires a business to update the information
// in its online privacy policy "at least once every 12 months". A warning, not an error: the build
// must still publish the site, and only legal can decide what the update says.

/** The same calendar day a year later (29 February → 28 February). */
export function oneYearAfter(isoDay: string): string {
  const [year = 0, month = 1, day = 1] = isoDay.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year + 1, month, 0)).getUTCDate();
  const date = new Date(Date.UTC(year + 1, month - 1, Math.min(day, lastDay)));
  return date.toISOString().slice(0, 10);
}

export function stalenessWarnings(versions: readonly LoadedVersion[], options: RuleOptions): ContentProblem[] {
  const warnings: ContentProblem[] = [];
  const lists = byPolicy(versions);
  for (const policy of options.policies) {
    const list = lists.get(policy.id) ?? [];
    const latest = list.filter((v) => v.status === 'published').at(-1);
    if (!latest || options.today <= oneYearAfter(latest.lastModified)) continue;
    const draft = list.find((v) => v.status === 'draft');
    const next = draft
      ? `A draft is in progress (${draft.file}): publish it with \`npm run policy -- publish ${latest.policy}\`.`
      : `Review it and publish a new version, even if only the date changes: \`npm run policy -- new ${latest.policy}\`.`;
    warnings.push(
      dateProblem(
        latest,
        'lastModified',
        `is ${latest.lastModified}, more than 12 months before ${options.today}`,
        `California Civil Code §1798.130(a)(5) requires the privacy policy’s information to be updated at least once every 12 months. ${next}`,
      ),
    );
  }
  return warnings;
}
