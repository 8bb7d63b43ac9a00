/**
 * The fingerprint of a version's text. It is the SHA-256 of the canonical plain text
 * (`documentText`), so formatting-only edits to the MDX source (re-wrapped lines, reordered
 * front matter) keep it, and any change to a word, a heading or the title changes it.
 */
import { createHash } from 'node:crypto';
import { documentText, type PolicyDocument } from '../document.ts';

/** Lower-case hex SHA-256 of `documentText(document)` (UTF-8). */
export function textSha256(document: PolicyDocument): string {
  return createHash('sha256').update(documentText(document), 'utf8').digest('hex');
}
