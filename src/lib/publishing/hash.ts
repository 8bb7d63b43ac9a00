/**
 * The fingerprint of a version's text: SHA-256 of its canonical plain text (`documentText`), as
 * UTF-8, in lowercase hex. Formatting-only edits to the MDX source (re-wrapped lines, reordered
 * front matter) keep it; any change to a word, a heading or the title changes it. `policy
 * publish` writes it to the front matter; the version page and /versions.json show it, so anyone
 * holding a copy of the text can check it is the published one.
 */
import { createHash } from 'node:crypto';
import { documentText, type PolicyDocument } from '../document/model.ts';

/** Documents are never changed once parsed, so each is hashed once per build. */
const cache = new WeakMap<PolicyDocument, string>();

/** Lower-case hex SHA-256 of `documentText(document)` (UTF-8). */
export function textSha256(document: PolicyDocument): string {
  let hash = cache.get(document);
  if (hash === undefined) {
    hash = createHash('sha256').update(documentText(document), 'utf8').digest('hex');
    cache.set(document, hash);
  }
  return hash;
}
