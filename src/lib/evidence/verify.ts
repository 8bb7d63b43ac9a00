/**
 * The checks of `policy verify`, in order: every file present, text ↔ published SHA-256,
 * signature ↔ text, key listed and valid at the token's time, token ↔ text and authority
 * (`openssl ts -verify`). Each check says what it found; the first that fails is named, and the
 * ones after it that need its result are not run.
 */
import { createHash } from 'node:crypto';
import { KeyListError, listedKey, parseKeyList, validAt, validityText } from './keys.ts';
import { opensslVerifyToken } from './openssl.ts';
import { readSignature, signatureMatches } from './sshsig.ts';
import { readTimestampReply, type TimestampInfo } from './timestamp.ts';

/** What verification needs; a null field is a file that could not be found (`names` says where). */
export interface VerifyMaterial {
  readonly text: Uint8Array | null;
  readonly signature: string | null;
  readonly token: Uint8Array | null;
  readonly keyList: string | null;
  /** Path of the authority's CA certificates (PEM), or null when missing. */
  readonly tsaCaFile: string | null;
  /** The SHA-256 the site publishes for this version, or null when it does not know the text. */
  readonly publishedSha256: string | null;
  /** Where each was looked for, for messages. */
  readonly names: Readonly<Record<'text' | 'signature' | 'token' | 'keyList' | 'tsaCaFile' | 'published', string>>;
}

export type CheckName = 'files' | 'hash' | 'signature' | 'key' | 'timestamp';

export interface CheckOutcome {
  readonly check: CheckName;
  readonly ok: boolean;
  readonly detail: string;
}

/** openssl's reason, without its configuration line and source positions. */
const opensslReason = (output: string): string =>
  /Verify error:(.*)$/m.exec(output)?.[1]?.trim() ??
  output
    .split('\n')
    .filter((line) => line && !line.startsWith('Using configuration'))
    .map((line) => line.replace(/^.*:(?=[^:]+$)/, ''))
    .join(' ');

export async function verifyMaterial(material: VerifyMaterial): Promise<CheckOutcome[]> {
  const { text, signature, token, keyList, tsaCaFile, names } = material;
  const missing = (['text', 'signature', 'token', 'keyList', 'tsaCaFile'] as const).filter(
    (name) => material[name] === null,
  );
  if (missing.length || !text || signature === null || !token || keyList === null || !tsaCaFile) {
    return [{ check: 'files', ok: false, detail: `missing: ${missing.map((name) => names[name]).join(', ')}` }];
  }
  const outcomes: CheckOutcome[] = [
    { check: 'files', ok: true, detail: 'text, signature, token, key list and authority certificate found' },
  ];
  const sha256 = createHash('sha256').update(text).digest('hex');
  outcomes.push(
    material.publishedSha256 === sha256
      ? { check: 'hash', ok: true, detail: `SHA-256 ${sha256} is the one ${names.published} publishes` }
      : {
          check: 'hash',
          ok: false,
          detail: `the text's SHA-256 ${sha256} is not ${material.publishedSha256 ? `the published ${material.publishedSha256}` : 'that of any published version'} (${names.published})`,
        },
  );
  let info: TimestampInfo | null = null;
  try {
    info = readTimestampReply(token);
  } catch (error) {
    outcomes.push({
      check: 'timestamp',
      ok: false,
      detail: `${names.token} is not a time-stamp reply: ${(error as Error).message}`,
    });
  }
  try {
    const parsed = readSignature(signature);
    if (!signatureMatches(text, parsed)) {
      outcomes.push({ check: 'signature', ok: false, detail: `${names.signature} is not a signature of this text` });
    } else {
      outcomes.push({ check: 'signature', ok: true, detail: `good signature by key ${parsed.publicKey.fingerprint}` });
      const listed = listedKey(parseKeyList(keyList), parsed.publicKey.fingerprint);
      if (!listed) {
        outcomes.push({
          check: 'key',
          ok: false,
          detail: `key ${parsed.publicKey.fingerprint} is not in ${names.keyList}`,
        });
      } else if (info && !validAt(listed, info.genTime)) {
        outcomes.push({
          check: 'key',
          ok: false,
          detail: `key ${parsed.publicKey.fingerprint} is valid ${validityText(listed)}, not at ${info.genTime}, the token's time`,
        });
      } else if (info) {
        outcomes.push({ check: 'key', ok: true, detail: `listed in ${names.keyList}, valid ${validityText(listed)}` });
      }
    }
  } catch (error) {
    const what = error instanceof KeyListError ? `${names.keyList} line ${error.line}` : names.signature;
    outcomes.push({
      check: error instanceof KeyListError ? 'key' : 'signature',
      ok: false,
      detail: `${what}: ${(error as Error).message}`,
    });
  }
  if (info) {
    if (info.imprintSha256 !== sha256) {
      outcomes.push({
        check: 'timestamp',
        ok: false,
        detail: `${names.token} is a token for another text (SHA-256 ${info.imprintSha256})`,
      });
    } else {
      const verdict = await opensslVerifyToken(text, token, tsaCaFile, info.genTime);
      outcomes.push(
        verdict.ok
          ? {
              check: 'timestamp',
              ok: true,
              detail: `the authority says the text existed at ${info.genTime} (openssl ts -verify: OK)`,
            }
          : {
              check: 'timestamp',
              ok: false,
              detail: `openssl ts -verify with ${names.tsaCaFile} refused the token: ${opensslReason(verdict.output)}`,
            },
      );
    }
  }
  return outcomes;
}
