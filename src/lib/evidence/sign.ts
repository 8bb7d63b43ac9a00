/**
 * Signing and time-stamping one version's canonical text, then checking both before anything is
 * written: our signature with our own verifier and the key list, the authority's token with
 * `openssl ts -verify` against its CA. Either check failing is an integrity error (throws);
 * an authority that cannot be reached is operational (TsaUnavailable, from tsa-client.ts).
 */
import { writeFileSync } from 'node:fs';
import { evidenceFiles } from './stored.ts';
import { listedKey, validAt, type KeyList } from './keys.ts';
import { opensslVerifyToken } from './openssl.ts';
import { readSignature, signatureMatches, signMessage, type SigningKey } from './sshsig.ts';
import { requestTimestamp } from './tsa-client.ts';

export interface SignTarget {
  /** Absolute path of the version file; the evidence goes beside it. */
  readonly absoluteFile: string;
  readonly canonicalText: string;
  readonly sha256: string;
}

export interface SignSettings {
  readonly key: SigningKey;
  readonly keys: KeyList;
  readonly tsaUrl: string;
  /** PEM file of the authority's CA (content/keys/tsa-ca.pem). */
  readonly tsaCaFile: string;
}

/**
 * A token the configured CA does not vouch for: TSA_URL and content/keys/tsa-ca.pem name two
 * different authorities. An integrity error: the run stops, nothing is written for the version.
 */
export class UntrustedToken extends Error {
  override name = 'UntrustedToken';
}

/** Sign, time-stamp, check, write. Resolves to the token's time. */
export async function signVersion(target: SignTarget, settings: SignSettings): Promise<{ genTime: string }> {
  const text = Buffer.from(target.canonicalText, 'utf8');
  const signature = signMessage(text, settings.key);
  if (!signatureMatches(text, readSignature(signature))) throw new Error('the new signature does not verify');
  const { reply, info } = await requestTimestamp(settings.tsaUrl, target.sha256);
  const listed = listedKey(settings.keys, settings.key.publicKey.fingerprint);
  if (!listed || !validAt(listed, info.genTime)) {
    throw new Error(`the signing key is not valid at the token's time ${info.genTime} in the key list`);
  }
  const verdict = await opensslVerifyToken(text, reply, settings.tsaCaFile, info.genTime);
  if (!verdict.ok) {
    throw new UntrustedToken(
      `the token from ${settings.tsaUrl} does not verify against ${settings.tsaCaFile}: ${verdict.output}`,
    );
  }
  const files = evidenceFiles(target.absoluteFile);
  writeFileSync(files.signature, signature);
  writeFileSync(files.timestamp, reply);
  return { genTime: info.genTime };
}
