/**
 * The fingerprint of a version's text: SHA-256 of its canonical plain text (`documentText`),
 * as UTF-8, in lowercase hex. Shown on the version page and listed in /versions.json, so anyone
 * holding a copy of the text can check it is the published one.
 */
import { createHash } from 'node:crypto';
import { documentText, type PolicyDocument } from '../document.ts';

const cache = new WeakMap<PolicyDocument, string>();

export function textSha256(doc: PolicyDocument): string {
  let hash = cache.get(doc);
  if (!hash) {
    hash = createHash('sha256').update(documentText(doc), 'utf8').digest('hex');
    cache.set(doc, hash);
  }
  return hash;
}
