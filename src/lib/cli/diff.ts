/**
 * `policy diff <policy> [<from> <to>]`: the changes between two versions, as the site's changes
 * page lists them (the same `diffVersions`, moves and renamed sections included), in text.
 */
import { diffVersions } from '../diff/index.ts';
import { diffToText } from '../diff/text.ts';
import type { VersionRecord } from '../versions/record.ts';
import { Refusal, UsageError, policyVersions, requirePolicy, type CliContext } from './context.ts';

export function diffCommand(
  context: CliContext,
  policyId: string | undefined,
  fromId: string | undefined,
  toId: string | undefined,
): number {
  const policy = requirePolicy(context, policyId);
  if ((fromId === undefined) !== (toId === undefined)) {
    throw new UsageError(
      'Give two versions to compare (the older first), or none to compare the newest with the one before.',
    );
  }
  const { versions } = policyVersions(context, policy);
  const find = (id: string): VersionRecord => {
    const found = versions.find((v) => v.version === id);
    if (!found) {
      throw new UsageError(
        `"${id}" is not a version of the ${policy.name}. Versions: ${versions.map((v) => v.version).join(', ') || 'none'}.`,
      );
    }
    return found;
  };
  let from: VersionRecord | undefined;
  let to: VersionRecord | undefined;
  if (fromId !== undefined && toId !== undefined) {
    from = find(fromId);
    to = find(toId);
  } else {
    // The draft being written, or else the newest version, against the published version before it.
    to = versions.filter((v) => v.status === 'draft').at(-1) ?? versions.at(-1);
    from = versions
      .slice(0, to ? versions.indexOf(to) : 0)
      .filter((v) => v.status === 'published')
      .at(-1);
    if (!to || !from) {
      throw new Refusal(
        `The ${policy.name} has ${versions.length === 1 ? 'one version' : 'no versions'}: there is nothing to compare.`,
      );
    }
  }
  const label = (v: VersionRecord): string => (v.status === 'draft' ? `${v.version} (draft)` : v.version);
  // A changed title is one of the diff's changes (in the opening text), as on the site.
  context.stdout.write(
    `${policy.name} (${policy.id}): ${label(from)} → ${label(to)}\n` +
      diffToText(diffVersions(from.document, to.document), { color: context.color }),
  );
  return 0;
}
