/**
 * The step-by-step commands of a version's verify page: download, then check with the standard
 * tools (sha256sum, ssh-keygen, openssl), each with what a good result prints. Written here once,
 * so the page and the tests that run these very commands agree.
 */
import { canonicalTextUrl, keyListUrl, signatureUrl, timestampUrl, tsaCertificateUrl } from '../routing/urls.ts';
import { epochSeconds, signerPrincipal, sshVerifyTime } from './keys.ts';
import { signatureNamespace } from './sshsig.ts';
import type { VersionEvidence } from './stored.ts';

export interface VerifyStep {
  readonly title: string;
  /** What it shows, in a sentence. */
  readonly why: string;
  readonly command: string;
  /** What the command prints when the check passes. */
  readonly expect: string;
}

interface Target {
  readonly policy: string;
  readonly version: string;
  readonly sha256: string;
}

export function verifySteps(origin: string, target: Target, evidence: VersionEvidence): VerifyStep[] {
  const abs = (route: string): string => new URL(route, origin).href;
  const { policy, version } = target;
  const files = [canonicalTextUrl, signatureUrl, timestampUrl].map((url) => abs(url(policy, version)));
  return [
    {
      title: 'Download the text, its signature, its time-stamp, the key list and the authority’s certificate',
      why: 'Into an empty folder: the file names below are the ones these addresses give.',
      command: `curl -fsS ${[...files, abs(keyListUrl), abs(tsaCertificateUrl)].map((url) => `-O ${url}`).join(' ')}`,
      expect: 'Five files: canonical.txt, canonical.txt.sig, canonical.txt.tsr, allowed_signers, tsa-ca.pem.',
    },
    {
      title: 'Check the text’s fingerprint',
      why: 'The same SHA-256 as on this page and in versions.json means the same text, byte for byte.',
      command: 'sha256sum canonical.txt',
      expect: `${target.sha256}  canonical.txt`,
    },
    {
      title: 'Check AllWork’s signature',
      why: 'With the key that was valid when the authority time-stamped the text (ssh-keygen, OpenSSH 8.9 or later).',
      command:
        `ssh-keygen -Y verify -f allowed_signers -I ${signerPrincipal} -n ${signatureNamespace} ` +
        `-s canonical.txt.sig -Overify-time=${sshVerifyTime(evidence.genTime)} < canonical.txt`,
      expect: `Good "${signatureNamespace}" signature for ${signerPrincipal} with ED25519 key ${evidence.fingerprint}`,
    },
    {
      title: 'Check the time-stamp',
      why:
        'The authority signed this text’s hash at the time it states; its certificate must lead to tsa-ca.pem, as it ' +
        'stood at that time (-attime), so the check still passes after the certificate expires.',
      command: `openssl ts -verify -data canonical.txt -in canonical.txt.tsr -CAfile tsa-ca.pem -attime ${epochSeconds(evidence.genTime)}`,
      expect: 'Verification: OK',
    },
    {
      title: 'Read the authority’s time',
      why: 'The token’s own statement of when the text existed.',
      command: 'openssl ts -reply -in canonical.txt.tsr -text',
      expect: `Time stamp: … (the time above, ${evidence.genTime})`,
    },
  ];
}
