/**
 * The evidence stored beside each version (`<version>.sig`, `<version>.tsr`), read and checked
 * against the version's canonical text when the content is loaded: the one implementation of
 * "the build refuses a signature or token that does not match its text", used by the build, the
 * CLI and `policy check` alike (all load through collectContent).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ContentProblem } from '../content/errors.ts';
import { documentText, type PolicyDocument } from '../document/model.ts';
import { textSha256 } from '../publishing/hash.ts';
import { KeyListError, keysDir, listedKey, readKeyList, validAt, validityText, type KeyList } from './keys.ts';
import { readSignature, signatureMatches } from './sshsig.ts';
import { readTimestampReply } from './timestamp.ts';

/** A version's signature and time-stamp token, as the site publishes them. */
export interface VersionEvidence {
  /** The armored SSH signature (`canonical.txt.sig`). */
  readonly signature: string;
  /** The signing key's fingerprint, `SHA256:…`. */
  readonly fingerprint: string;
  /** The key's validity period, in words. */
  readonly keyValidity: string;
  /** The RFC 3161 reply (`canonical.txt.tsr`), base64. */
  readonly timestamp: string;
  /** When the authority says the text existed (ISO 8601, UTC). */
  readonly genTime: string;
  /** The token's serial number (hex). */
  readonly serial: string;
}

/** The evidence files of a version file: `…/2024-04-25.mdx` → `…/2024-04-25.sig`, `…/2024-04-25.tsr`. */
export function evidenceFiles(versionFile: string): { signature: string; timestamp: string } {
  const base = versionFile.replace(/\.mdx$/, '');
  return { signature: `${base}.sig`, timestamp: `${base}.tsr` };
}

/** File names that are evidence, not versions: the loader accepts them beside a version. */
export const isEvidenceFile = (name: string): boolean => /\.(sig|tsr)$/.test(name);

interface VersionToCheck {
  /** Path as printed. */
  readonly file: string;
  readonly document: PolicyDocument;
}

const problem = (file: string, field: string, message: string, hint: string): ContentProblem => ({
  file,
  field,
  message,
  hint,
});

const resignLater =
  'delete both evidence files; the next deploy (`npm run policy -- sign`) signs and time-stamps the text again.';
const resign = `${resignLater.charAt(0).toUpperCase()}${resignLater.slice(1)}`;

/**
 * Evidence that fits another text: most often the version's text was edited after it was
 * signed, and the text is what to restore (evidence the base branch has can never be deleted).
 */
const textOrResign = (file: string): string =>
  `If ${file} was edited, restore it as published: a published text never changes (the check of published versions names the commit). ` +
  `Only if the evidence itself is new on this branch and wrong: ${resignLater}`;

/**
 * The evidence of one version, checked against its text and the key list: the evidence, or null
 * when it has none, and the problems (a mismatch is an integrity error).
 */
export function checkEvidence(
  version: VersionToCheck,
  absoluteFile: string,
  /** The key list; null when it does not parse (that problem is reported once, not per signature). */
  keys: (KeyList & { file: string }) | null,
  display: (absolute: string) => string,
): { evidence: VersionEvidence | null; problems: ContentProblem[] } {
  const files = evidenceFiles(absoluteFile);
  const [hasSignature, hasToken] = [existsSync(files.signature), existsSync(files.timestamp)];
  if (!hasSignature && !hasToken) return { evidence: null, problems: [] };
  const sigFile = display(files.signature);
  const tsrFile = display(files.timestamp);
  if (!hasSignature || !hasToken) {
    const [present, missing] = hasSignature ? [sigFile, tsrFile] : [tsrFile, sigFile];
    return { evidence: null, problems: [problem(present, 'evidence', `has no companion ${missing}`, resign)] };
  }
  const text = Buffer.from(documentText(version.document), 'utf8');
  const sha256 = textSha256(version.document);
  const problems: ContentProblem[] = [];
  let token: ReturnType<typeof readTimestampReply> | null = null;
  try {
    token = readTimestampReply(readFileSync(files.timestamp));
    if (token.imprintSha256 !== sha256) {
      problems.push(
        problem(
          tsrFile,
          'timestamp',
          `is a token for another text (SHA-256 ${token.imprintSha256}, the text's is ${sha256})`,
          textOrResign(version.file),
        ),
      );
    }
  } catch (error) {
    problems.push(problem(tsrFile, 'timestamp', `is not a time-stamp reply: ${(error as Error).message}`, resign));
  }
  const armored = readFileSync(files.signature, 'utf8');
  let fingerprint = '';
  let keyValidity = '';
  try {
    const signature = readSignature(armored);
    fingerprint = signature.publicKey.fingerprint;
    const key = keys && listedKey(keys, fingerprint);
    if (!signatureMatches(text, signature)) {
      problems.push(
        problem(sigFile, 'signature', `does not match the text of ${version.file}`, textOrResign(version.file)),
      );
    } else if (!keys) {
      // The key list's own problem fails the load already; one message, not one per signature.
    } else if (!key) {
      problems.push(
        problem(
          sigFile,
          'signature',
          `is by key ${fingerprint}, which ${display(keys.file)} does not list`,
          `Add the key to ${display(keys.file)} with its validity period, or ${resignLater}`,
        ),
      );
    } else if (token && !validAt(key, token.genTime)) {
      problems.push(
        problem(
          sigFile,
          'signature',
          `is by key ${fingerprint}, valid ${validityText(key)}, not at the token's time ${token.genTime}`,
          `Check the key's line ${key.line} in ${display(keys.file)}, or ${resignLater}`,
        ),
      );
    } else {
      keyValidity = validityText(key);
    }
  } catch (error) {
    problems.push(problem(sigFile, 'signature', `is not an SSH signature: ${(error as Error).message}`, resign));
  }
  if (problems.length || !token) return { evidence: null, problems };
  return {
    evidence: {
      signature: armored,
      fingerprint,
      keyValidity,
      timestamp: readFileSync(files.timestamp).toString('base64'),
      genTime: token.genTime,
      serial: token.serial,
    },
    problems,
  };
}

/** The key list of a content folder, or the problem that it does not parse. */
export function loadKeyList(
  contentDir: string,
  display: (absolute: string) => string,
): { keys: (KeyList & { file: string }) | null; problems: ContentProblem[] } {
  try {
    return { keys: readKeyList(contentDir), problems: [] };
  } catch (error) {
    const file = `${keysDir(contentDir)}/allowed_signers`;
    const line = error instanceof KeyListError ? error.line : undefined;
    return {
      keys: null,
      problems: [
        {
          file: display(file),
          field: 'key',
          message: (error as Error).message,
          hint: 'Each line: policies@allworknow.com namespaces="allwork-policies",valid-after="20261201Z" ssh-ed25519 AAAA… (docs/git-host.md, "Signing key").',
          line,
        },
      ],
    };
  }
}
