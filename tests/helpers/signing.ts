/**
 * Real signing parts for tests: a throwaway Ed25519 key made with `ssh-keygen`, a key list
 * line for it, and a time-stamping authority on loopback made with OpenSSL (a test CA, a TSA
 * certificate with `extendedKeyUsage=critical,timeStamping`, `openssl ts -reply` behind a tiny
 * node:http responder). The responder is unref'd and closed by `close()`: it never keeps a
 * test process alive.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { seedContentDir } from './shipped.ts';

export interface TestKey {
  /** The OpenSSH private key file's text, as the SIGNING_KEY secret holds it. */
  readonly privateKey: string;
  readonly keyFile: string;
  /** `ssh-ed25519 AAAA…` */
  readonly publicLine: string;
  /** `SHA256:…`, from `ssh-keygen -l`. */
  readonly fingerprint: string;
}

export function makeSshKey(dir: string, name = 'signing'): TestKey {
  mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', keyFile]);
  const publicLine = readFileSync(`${keyFile}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
  const fingerprint =
    execFileSync('ssh-keygen', ['-l', '-f', `${keyFile}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
  return { privateKey: readFileSync(keyFile, 'utf8'), keyFile, publicLine, fingerprint };
}

/** A key list line for `key`: policies@allworknow.com, the policies' namespace, a validity period. */
export function keyListLine(key: TestKey, validAfter = '20200101Z', validBefore?: string): string {
  const period = `valid-after="${validAfter}"${validBefore ? `,valid-before="${validBefore}"` : ''}`;
  return `policies@allworknow.com namespaces="allwork-policies",${period} ${key.publicLine} test key`;
}

const openssl = (cwd: string, args: readonly string[]): void => {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
};

export interface TestAuthority {
  readonly dir: string;
  /** PEM of the test CA: what `openssl ts -verify -CAfile` trusts. */
  readonly caFile: string;
}

/** A test CA and a TSA certificate signed by it (P-256, fast to make), with the TSA's config. */
export function makeAuthority(dir: string, name = 'Test'): TestAuthority {
  mkdirSync(dir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '3650',
    '-subj',
    `/CN=${name} CA`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(dir, ['req', '-new', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', `/CN=${name} TSA`]);
  writeFileSync(
    path.join(dir, 'tsa.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
  );
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'tsa.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tsa.pem',
    '-days',
    '3650',
    '-extfile',
    'tsa.ext',
  ]);
  writeFileSync(path.join(dir, 'serial'), '01\n');
  writeFileSync(
    path.join(dir, 'tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = test_tsa',
      '[ test_tsa ]',
      `dir = ${dir}`,
      'serial = $dir/serial',
      'signer_cert = $dir/tsa.pem',
      'certs = $dir/ca.pem',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.99999.1',
      'digests = sha256, sha512',
      'accuracy = secs:1',
      'ordering = no',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  return { dir, caFile: path.join(dir, 'ca.pem') };
}

export interface RunningAuthority extends TestAuthority {
  readonly url: string;
  /** Requests answered so far. */
  readonly requests: () => number;
  close(): Promise<void>;
}

/** Serve `authority` on 127.0.0.1: POST a query, get `openssl ts -reply`'s answer. */
export async function startAuthority(authority: TestAuthority): Promise<RunningAuthority> {
  let count = 0;
  const work = mkdtempSync(path.join(authority.dir, 'queries-'));
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = ++count;
      const [query, reply] = [path.join(work, `${id}.tsq`), path.join(work, `${id}.tsr`)];
      writeFileSync(query, Buffer.concat(chunks));
      const args = ['ts', '-reply', '-config', path.join(authority.dir, 'tsa.cnf'), '-queryfile', query, '-out', reply];
      execFile('openssl', args, { cwd: authority.dir }, (error) => {
        if (error) {
          response.writeHead(500).end();
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(reply));
      });
    });
  });
  server.unref();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...authority,
    url: `http://127.0.0.1:${port}/tsr`,
    requests: () => count,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

export interface SigningProject {
  readonly key: TestKey;
  readonly tsa: RunningAuthority;
  /** `<root>/content/policies`: a copy of the shipped content (the real legal text). */
  readonly contentDir: string;
  /** `<root>/content/keys`: the key list with `key`, and the authority's CA as tsa-ca.pem. */
  readonly keysDir: string;
}

/**
 * A project folder as the deploy signs it: the shipped content, a key list holding a fresh key,
 * and a loopback authority whose CA is content/keys/tsa-ca.pem. Close `tsa` when done.
 */
export async function signingProject(root: string, scratch: string): Promise<SigningProject> {
  const key = makeSshKey(path.join(scratch, 'keys'));
  const tsa = await startAuthority(makeAuthority(path.join(scratch, 'tsa')));
  const contentDir = path.join(root, 'content', 'policies');
  const keysDir = path.join(root, 'content', 'keys');
  cpSync(seedContentDir(), contentDir, { recursive: true });
  mkdirSync(keysDir, { recursive: true });
  writeFileSync(path.join(keysDir, 'allowed_signers'), `# AllWork's policy signing keys\n${keyListLine(key)}\n`);
  copyFileSync(tsa.caFile, path.join(keysDir, 'tsa-ca.pem'));
  return { key, tsa, contentDir, keysDir };
}
