/**
 * The files under `/keys/` that a reader needs to check evidence with the standard tools: the key
 * list (`allowed_signers`, always published, so its address never breaks) and the time-stamping
 * authority's CA certificate (`tsa-ca.pem`, when the project has one).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { keysDir } from './keys.ts';

export interface KeyFile {
  /** File name under `/keys/`. */
  readonly name: 'allowed_signers' | 'tsa-ca.pem';
  readonly bytes: Uint8Array;
}

/** Said by the key list before the first key is added (docs/git-host.md, "Signing key"). */
const noKeysYet = '# AllWork policy signing keys (ssh-keygen allowed_signers). No version is signed yet.\n';

export function publishedKeyFiles(contentDir: string): KeyFile[] {
  const dir = keysDir(contentDir);
  const list = path.join(dir, 'allowed_signers');
  const ca = path.join(dir, 'tsa-ca.pem');
  return [
    { name: 'allowed_signers', bytes: existsSync(list) ? readFileSync(list) : Buffer.from(noKeysYet) },
    ...(existsSync(ca) ? [{ name: 'tsa-ca.pem' as const, bytes: readFileSync(ca) }] : []),
  ];
}
