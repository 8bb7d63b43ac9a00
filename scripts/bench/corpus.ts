/**
 * Generated content for build-time growth figures: N published versions per policy, each a
 * realistic revision of the shipped text (one sentence added to a different paragraph).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { editFrontmatter } from '../../src/lib/cli/frontmatter.ts';
import { parseVersionSource } from '../../src/lib/content/load.ts';
import { textSha256 } from '../../src/lib/publishing/hash.ts';

function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The version as `policy publish` would leave it: its `sha256` is that of its own text. */
function withFingerprint(source: string, policy: string, day: string): string {
  const { version, problems } = parseVersionSource(source, policy, `${policy}/${day}.mdx`, `${day}.mdx`);
  if (!version) throw new Error(`generated ${policy}/${day}.mdx is invalid: ${JSON.stringify(problems)}`);
  return editFrontmatter(source, { sha256: textSha256(version.document) });
}

export function generateCorpus(sourceDir: string, targetDir: string, versionsPerPolicy: number): void {
  rmSync(targetDir, { recursive: true, force: true });
  for (const policy of readdirSync(sourceDir)) {
    const source = readdirSync(path.join(sourceDir, policy)).find((f) => f.endsWith('.mdx'));
    if (!source) continue;
    const original = readFileSync(path.join(sourceDir, policy, source), 'utf8');
    const firstDay = source.replace('.mdx', '');
    mkdirSync(path.join(targetDir, policy), { recursive: true });
    let text = original;
    for (let i = 0; i < versionsPerPolicy; i++) {
      const day = addDays(firstDay, i * 14);
      if (i > 0) {
        // Add a sentence to the i-th paragraph (cycling), so every version differs a little.
        const paragraphs = text.split('\n\n');
        const candidates = paragraphs.map((p, index) => ({ p, index })).filter(({ p }) => /^[A-Z][^\n]*\.$/.test(p));
        const target = candidates[i % candidates.length];
        if (target) paragraphs[target.index] = `${target.p} This sentence was added in revision ${i}.`;
        text = paragraphs.join('\n\n');
      }
      const frontmatter = text
        .replace(/^version: .*$/m, `version: ${day}`)
        .replace(/^lastModified: .*$/m, `lastModified: ${day}`)
        .replace(/^summary: .*\n/m, '')
        .replace(/^change: (.*)$/m, i > 0 ? `change: $1\nsummary: Revision ${i} adds one sentence.` : 'change: $1');
      writeFileSync(path.join(targetDir, policy, `${day}.mdx`), withFingerprint(frontmatter, policy, day));
    }
  }
}
