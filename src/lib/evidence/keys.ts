/**
 * The key list: `content/keys/allowed_signers`, in the format `ssh-keygen -Y verify -f` reads,
 * published as is at `/keys/allowed_signers`. One line per key ever used, with its validity
 * period (`valid-after`, and `valid-before` once rotated), so a version signed with an old key
 * stays verifiable: its signature is checked against the key valid at its token's time.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { publicKeyFromBlob, signatureNamespace, type SshPublicKey } from './sshsig.ts';

/** Who signs, as allowed_signers and `ssh-keygen -Y verify -I` name it. */
export const signerPrincipal = 'policies@allworknow.com';

export interface ListedKey {
  readonly principals: readonly string[];
  readonly namespaces: readonly string[] | null;
  /** ISO 8601 UTC, or null for "always". */
  readonly validAfter: string | null;
  readonly validBefore: string | null;
  readonly publicKey: SshPublicKey;
  /** 1-based line in the file, for messages. */
  readonly line: number;
}

export interface KeyList {
  /** The file as read, published byte for byte. */
  readonly text: string;
  readonly keys: readonly ListedKey[];
}

/** A line of the key list that does not parse, with its line number. */
export class KeyListError extends Error {
  override name = 'KeyListError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** `YYYYMMDD[HHMM[SS]]Z` (UTC; the list always says Z, so it means the same in every time zone) → ISO. */
function sshTime(value: string, line: number): string {
  const match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?Z$/.exec(value);
  if (!match) throw new KeyListError(line, `"${value}" is not a UTC time like 20261201Z or 20261201120000Z`);
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
}

/** An ISO time as `-Overify-time` takes it: `20261201230512Z`. */
export const sshVerifyTime = (iso: string): string => `${iso.replace(/[-:T]/g, '').replace(/\..*$/, '').slice(0, 14)}Z`;

/** An ISO time as `openssl ts -verify -attime` takes it: seconds since the epoch. */
export const epochSeconds = (iso: string): string => String(Math.floor(Date.parse(iso) / 1000));

/** Split at spaces and commas outside double quotes, the way OpenSSH reads the options field. */
function fields(line: string): string[] {
  return line.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

function parseLine(text: string, line: number): ListedKey {
  const parts = fields(text);
  const [principals = '', ...rest] = parts;
  const options = rest[0]?.startsWith('ssh-') ? '' : (rest.shift() ?? '');
  const [type, base64] = rest;
  if (type !== 'ssh-ed25519' || !base64) {
    throw new KeyListError(line, 'expected "<principals> [options] ssh-ed25519 <key>"');
  }
  const values = new Map<string, string>();
  for (const option of options.match(/(?:[^,"]+|"[^"]*")+/g) ?? []) {
    const [name = '', value = ''] = option.split(/=(.*)/s);
    values.set(name.toLowerCase(), value.replace(/^"|"$/g, ''));
  }
  const after = values.get('valid-after');
  const before = values.get('valid-before');
  return {
    principals: principals.split(','),
    namespaces: values.has('namespaces') ? (values.get('namespaces') ?? '').split(',') : null,
    validAfter: after ? sshTime(after, line) : null,
    validBefore: before ? sshTime(before, line) : null,
    publicKey: publicKeyFromBlob(Buffer.from(base64, 'base64')),
    line,
  };
}

/** Parse a key list. Throws KeyListError naming the line that does not parse. */
export function parseKeyList(text: string): KeyList {
  const keys: ListedKey[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line && !line.startsWith('#')) {
      try {
        keys.push(parseLine(line, index + 1));
      } catch (error) {
        if (error instanceof KeyListError) throw error;
        throw new KeyListError(index + 1, (error as Error).message);
      }
    }
  });
  return { text, keys };
}

/** The key list beside the content folder (`<content>/../keys/allowed_signers`); empty when there is none. */
export function keysDir(contentDir: string): string {
  return path.join(path.dirname(contentDir), 'keys');
}

export function readKeyList(contentDir: string): KeyList & { file: string } {
  const file = path.join(keysDir(contentDir), 'allowed_signers');
  const list = existsSync(file) ? parseKeyList(readFileSync(file, 'utf8')) : { text: '', keys: [] };
  return { ...list, file };
}

/** The listed key with this fingerprint that may sign policies, whatever its period; undefined when none. */
export function listedKey(list: KeyList, fingerprint: string): ListedKey | undefined {
  return list.keys.find(
    (key) =>
      key.publicKey.fingerprint === fingerprint &&
      key.principals.includes(signerPrincipal) &&
      (key.namespaces === null || key.namespaces.includes(signatureNamespace)),
  );
}

/** Whether `key` was valid at `iso` (UTC). */
export const validAt = (key: ListedKey, iso: string): boolean =>
  (key.validAfter === null || key.validAfter <= iso) && (key.validBefore === null || iso < key.validBefore);

/** "from 2026-12-01" / "from 2026-12-01 until 2027-12-01", for pages and messages. */
export function validityText(key: ListedKey): string {
  const day = (iso: string): string => iso.slice(0, 10);
  const from = key.validAfter ? `from ${day(key.validAfter)}` : 'from the start';
  return key.validBefore ? `${from} until ${day(key.validBefore)}` : `${from}, still in use`;
}
