/**
 * `openssl ts -verify`: the standard tool checks a time-stamp token's CMS signature, the
 * authority's certificate chain (to the CA file) and the token's imprint against the data.
 * We call it rather than re-implement CMS: it is what a reader runs (the verify page says so).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { epochSeconds } from './keys.ts';

export interface OpensslVerdict {
  readonly ok: boolean;
  /** What openssl printed (its reason, on failure). */
  readonly output: string;
}

/**
 * Check a `.tsr` against `data` and the authority's CA certificates (PEM file). With `atTime` (the
 * token's genTime) the certificates are checked as they were then (`-attime`), so a token stays
 * verifiable after the authority's certificate expires, as archived evidence must.
 */
export async function opensslVerifyToken(
  data: Uint8Array,
  reply: Uint8Array,
  caFile: string,
  atTime?: string,
): Promise<OpensslVerdict> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ts-verify-'));
  try {
    const [dataFile, replyFile] = [path.join(dir, 'data'), path.join(dir, 'reply.tsr')];
    await Promise.all([writeFile(dataFile, data), writeFile(replyFile, reply)]);
    return await new Promise((resolve, reject) => {
      execFile(
        'openssl',
        [
          'ts',
          '-verify',
          '-data',
          dataFile,
          '-in',
          replyFile,
          '-CAfile',
          caFile,
          ...(atTime ? ['-attime', epochSeconds(atTime)] : []),
        ],
        { encoding: 'utf8' },
        (error, stdout, stderr) => {
          const output = `${stdout}${stderr}`.trim();
          if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(
              new Error(
                'openssl is not installed: it checks the time-stamp (apt-get install openssl, brew install openssl)',
              ),
            );
          } else {
            resolve({ ok: !error && /Verification: OK/.test(output), output });
          }
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
