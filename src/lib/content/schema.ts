import { z } from 'zod';

/** `YYYY-MM-DD`, checked to be a real calendar day (2024-02-30 is refused). */
export const isoDate = z
  .string({ invalid_type_error: 'must be a date written as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

/** A version id: the date legal prints, with `-2`, `-3`… for a second or third version that day. */
export const versionId = z
  .string({ invalid_type_error: 'must be text like 2024-04-25' })
  .regex(/^\d{4}-\d{2}-\d{2}(-[2-9]|-[1-9]\d+)?$/, 'must look like 2024-04-25 or 2024-04-25-2');

/** Most key points a version may have, and the longest one: a summary is read before the text, so it is short. */
export const keyPointLimits = { count: 10, length: 300 } as const;

/**
 * One key point: plain text on one line of the list (no Markdown), trimmed. Written by legal
 * under `keyPoints:`, one `- ` line each; a point with a colon in it goes between straight quotes.
 */
const keyPoint = z
  .string({ invalid_type_error: 'must be text' })
  .trim()
  .min(1, 'is empty')
  .max(keyPointLimits.length, `is longer than ${keyPointLimits.length} characters`);

export const statuses = ['draft', 'published'] as const;
export const changeKinds = ['substantive', 'editorial'] as const;

/**
 * Front matter of one policy version (`content/policies/<policy>/<version>.mdx`).
 * Cross-file rules (version = file name, unique ids, summary after the first version)
 * live in `load.ts`, because a single file cannot know them.
 */
export const policyFrontmatter = z
  .object({
    /** Full title as printed at the top of the document, e.g. "AllWork Privacy Policy". Required. */
    title: z.string({ required_error: 'is required' }).trim().min(1, 'must not be empty'),
    /** Version id; must equal the file name without `.mdx`. Required. */
    version: versionId,
    /** The "Last Modified" date printed on the document (YYYY-MM-DD). Required. */
    lastModified: isoDate,
    /** The day this version takes effect (YYYY-MM-DD). Default: `lastModified`. */
    effective: isoDate.optional(),
    /** `draft` (not on the site) or `published` (immutable once on the base branch). Required. */
    status: z.enum(statuses, {
      errorMap: () => ({ message: `must be one of: ${statuses.join(', ')}` }),
    }),
    /** `substantive` (changes rights or practices) or `editorial` (wording, typos). Default: `substantive`. */
    change: z
      .enum(changeKinds, {
        errorMap: () => ({ message: `must be one of: ${changeKinds.join(', ')}` }),
      })
      .default('substantive'),
    /** Plain-language "what changed". Default: empty; required on every published version but the first. */
    summary: z.string().trim().default(''),
    /**
     * Optional key points: a short, non-binding summary of this version in plain language, shown
     * above the text on its pages and in every format under "Key points", with the label "This
     * summary does not replace the policy". Never part of the legal text, its SHA-256 or its
     * signature; fixed once the version is published, like the summary
     * (docs/decisions/0017-key-points.md). Default: none.
     */
    keyPoints: z
      .array(keyPoint, { invalid_type_error: 'must be a list, one point per line' })
      .min(1, 'is an empty list')
      .max(keyPointLimits.count, `has more than ${keyPointLimits.count} points`)
      .optional(),
    /**
     * Optional SHA-256 of the version's canonical text (`documentText`), recorded by
     * `npm run policy -- publish`. Lets a build without git history (tarball, shallow clone) check a
     * published text. Nobody has to write it: the hash is computed from the text wherever it is shown,
     * and history on the base branch is the witness (docs/decisions/0009-published-on-base-branch.md).
     * When present it must match; never on a draft.
     */
    sha256: z
      .string({ invalid_type_error: 'must be 64 hexadecimal characters' })
      .regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal characters (0-9, a-f)')
      .optional(),
  })
  .strict()
  .transform((data) => ({ ...data, effective: data.effective ?? data.lastModified }));

export type PolicyFrontmatterInput = z.input<typeof policyFrontmatter>;
export type PolicyFrontmatter = z.output<typeof policyFrontmatter>;

/** A hint for each field, shown under the error so the fix is obvious to a non-engineer. */
export const fieldHints: Record<string, string> = {
  title: 'Add a line like `title: AllWork Privacy Policy` to the front matter.',
  version: 'Use the file name without .mdx, e.g. `version: 2024-04-25`.',
  lastModified: 'Write dates as YYYY-MM-DD, e.g. `lastModified: 2024-04-25`.',
  effective: 'Write dates as YYYY-MM-DD, or remove the line to use lastModified.',
  status: 'Use `status: draft` while editing; `npm run policy -- publish` sets `published`.',
  change: 'Use `substantive` when rights or practices change, `editorial` for wording only.',
  summary: 'Write one or two plain sentences saying what changed, e.g. `summary: We added…`.',
  keyPoints:
    'Write each point on its own line under `keyPoints:`, starting with two spaces, a dash and a space (`  - We never sell your information.`); put a point that contains a colon between straight double quotes. Remove the whole `keyPoints:` block for no key points.',
  sha256:
    'Optional: delete the line if in doubt. The hash is computed from the text; `npm run policy -- publish` records it for builds without git history.',
};
