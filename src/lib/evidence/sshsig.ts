/**
 * SSH signatures (PROTOCOL.sshsig, what `ssh-keygen -Y sign` writes and git uses for signed
 * commits), with Ed25519 keys, in pure Node: the deploy workflow signs without ssh-keygen, and
 * the build checks stored signatures without it. Readers check them with `ssh-keygen -Y verify`
 * (docs/decisions/0016-verifiable-versions.md).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { armor, SshFormatError, SshReader, sshString, sshUint32, unarmor } from './ssh-wire.ts';

/** The namespace every policy signature is made in (`ssh-keygen -Y … -n`), so it is valid for nothing else. */
export const signatureNamespace = 'allwork-policies';
const magic = Buffer.from('SSHSIG');
const keyType = 'ssh-ed25519';
const hashAlgorithm = 'sha512';

/** An Ed25519 public key as SSH names it. */
export interface SshPublicKey {
  /** The wire blob (`string "ssh-ed25519" string key`). */
  readonly blob: Buffer;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  /** `ssh-ed25519 AAAA…`, as in an `.pub` file or allowed_signers. */
  readonly line: string;
}

export function publicKeyFromBlob(blob: Buffer): SshPublicKey {
  const reader = new SshReader(blob);
  const type = reader.text();
  if (type !== keyType) throw new SshFormatError(`${type} keys are not supported (use ssh-ed25519)`);
  if (reader.string().length !== 32 || !reader.done) throw new SshFormatError('malformed ssh-ed25519 key');
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { blob, fingerprint, line: `${keyType} ${blob.toString('base64')}` };
}

function nodePublicKey(key: SshPublicKey): KeyObject {
  const raw = new SshReader(key.blob);
  raw.string();
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.string().toString('base64url') }, format: 'jwk' });
}

/** A signing key read from an unencrypted OpenSSH private key file (`ssh-keygen -t ed25519 -N ''`). */
export interface SigningKey {
  readonly publicKey: SshPublicKey;
  readonly privateKey: KeyObject;
}

export function readSigningKey(text: string): SigningKey {
  const reader = new SshReader(unarmor(text, 'OPENSSH PRIVATE KEY'));
  if (!reader.raw(15).equals(Buffer.from('openssh-key-v1\0'))) throw new SshFormatError('not an OpenSSH private key');
  if (reader.text() !== 'none') throw new SshFormatError('the key has a passphrase: the workflow needs it without one');
  reader.text();
  reader.string();
  if (reader.uint32() !== 1) throw new SshFormatError('the file holds more than one key');
  const publicKey = publicKeyFromBlob(reader.string());
  const secret = new SshReader(reader.string());
  if (secret.uint32() !== secret.uint32()) throw new SshFormatError('corrupt private key');
  if (secret.text() !== keyType) throw new SshFormatError('not an ssh-ed25519 key');
  const pub = secret.string();
  const seed = secret.string().subarray(0, 32);
  const privateKey = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: pub.toString('base64url') },
    format: 'jwk',
  });
  return { publicKey, privateKey };
}

/** What the key signs: the message's digest with the namespace (PROTOCOL.sshsig, "Signed Data"). */
function signedData(message: Uint8Array, namespace: string, algorithm: string): Buffer {
  const digest = createHash(algorithm).update(message).digest();
  return Buffer.concat([magic, sshString(namespace), sshString(''), sshString(algorithm), sshString(digest)]);
}

/** An armored SSH signature of `message` (`-----BEGIN SSH SIGNATURE-----`), as `ssh-keygen -Y sign` writes. */
export function signMessage(message: Uint8Array, key: SigningKey, namespace = signatureNamespace): string {
  const signature = sign(null, signedData(message, namespace, hashAlgorithm), key.privateKey);
  const blob = Buffer.concat([
    magic,
    sshUint32(1),
    sshString(key.publicKey.blob),
    sshString(namespace),
    sshString(''),
    sshString(hashAlgorithm),
    sshString(Buffer.concat([sshString(keyType), sshString(signature)])),
  ]);
  return armor(blob, 'SSH SIGNATURE');
}

/** An SSH signature file, read. */
export interface SshSignature {
  readonly publicKey: SshPublicKey;
  readonly namespace: string;
  readonly hashAlgorithm: string;
  readonly signature: Buffer;
}

export function readSignature(text: string): SshSignature {
  const reader = new SshReader(unarmor(text, 'SSH SIGNATURE'));
  if (!reader.raw(6).equals(magic)) throw new SshFormatError('not an SSH signature');
  if (reader.uint32() !== 1) throw new SshFormatError('unsupported SSH signature version');
  const publicKey = publicKeyFromBlob(reader.string());
  const namespace = reader.text();
  reader.string();
  const algorithm = reader.text();
  const inner = new SshReader(reader.string());
  if (inner.text() !== keyType) throw new SshFormatError('not an ssh-ed25519 signature');
  return { publicKey, namespace, hashAlgorithm: algorithm, signature: inner.string() };
}

/** True when `signature` is a valid signature of `message` in `namespace` by its own key. */
export function signatureMatches(
  message: Uint8Array,
  signature: SshSignature,
  namespace = signatureNamespace,
): boolean {
  if (signature.namespace !== namespace || !['sha256', 'sha512'].includes(signature.hashAlgorithm)) return false;
  const data = signedData(message, namespace, signature.hashAlgorithm);
  return verify(null, data, nodePublicKey(signature.publicKey), signature.signature);
}
