/**
 * Which versions are published, as `alerts send` reads them: the site's `/versions.json`
 * (src/lib/feeds.ts `versionsIndex`). The compiled CLI on the server reads the file the build
 * wrote (`dist/client/versions.json`, what is live); `npm run alerts` in a checkout computes the
 * same index from the content files. Both go through `announcedVersions`, so "which versions
 * exist, and what an alert says about each" has one implementation.
 * docs/decisions/0014-change-alerts.md.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { VersionsIndex } from '../feeds.ts';
import type { AnnouncedVersion } from './messages.ts';

/** The part of `/versions.json` the alerts read (the rest is for people and verifiers). */
export type PublishedIndex = {
  readonly policies: readonly {
    readonly id: VersionsIndex['policies'][number]['id'];
    readonly versions: readonly Pick<
      VersionsIndex['policies'][number]['versions'][number],
      'version' | 'title' | 'label' | 'change' | 'summary' | 'effective'
    >[];
  }[];
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

const indexSchema = z.object({
  policies: z.array(
    z.object({
      id: z.string().min(1),
      versions: z.array(
        z.object({
          version: z.string().min(1),
          title: z.string().min(1),
          label: z.string().min(1),
          change: z.enum(['first', 'substantive', 'editorial']),
          summary: z.string(),
          effective: day,
        }),
      ),
    }),
  ),
});

/** A versions index that cannot be read: names the file and the field. */
export class PublishedIndexError extends Error {
  override name = 'PublishedIndexError';
}

/** Reads and checks a built `versions.json`. */
export async function readPublishedIndex(file: string): Promise<PublishedIndex> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new PublishedIndexError(
      code === 'ENOENT'
        ? `${file} is missing: alerts are sent from a build's files (run \`npm run build\`, deploy dist/ whole).`
        : `${file} cannot be read (${String(code ?? error)}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PublishedIndexError(`${file} is not JSON (${(error as Error).message}): rebuild and deploy again.`);
  }
  const parsed = indexSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('') ?? '';
    throw new PublishedIndexError(
      `${file}: ${where.replace(/^\./, '') || 'the index'}: ${issue?.message ?? 'unexpected shape'}. ` +
        'It is not a versions index this release wrote: rebuild and deploy again.',
    );
  }
  return parsed.data;
}

/**
 * Every version in the index, keyed `policy/version`, as an alert describes it. The index lists
 * published versions only (a production build has no drafts). A policy's first version has no
 * changes page, and counts as substantive: all of its text is new.
 */
export function announcedVersions(index: PublishedIndex): Map<string, AnnouncedVersion> {
  const versions = new Map<string, AnnouncedVersion>();
  for (const policy of index.policies) {
    for (const v of policy.versions) {
      versions.set(`${policy.id}/${v.version}`, {
        policy: policy.id,
        title: v.title,
        version: v.version,
        label: v.label,
        change: v.change === 'editorial' ? 'editorial' : 'substantive',
        summary: v.summary,
        effective: v.effective,
        hasChanges: v.change !== 'first',
      });
    }
  }
  return versions;
}
