/**
 * The evidence formats against the standard tools themselves: our SSH signatures checked by
 * `ssh-keygen -Y verify`, ssh-keygen's checked by our code, our time-stamp requests answered by
 * `openssl ts -reply` on loopback and the replies checked by `openssl ts -verify`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseKeyList, sshVerifyTime, validAt } from '../../src/lib/evidence/keys.ts';
import { opensslVerifyToken } from '../../src/lib/evidence/openssl.ts';
import { readSignature, readSigningKey, signatureMatches, signMessage } from '../../src/lib/evidence/sshsig.ts';
import { readTimestampReply } from '../../src/lib/evidence/timestamp.ts';
import { requestTimestamp, TsaUnavailable } from '../../src/lib/evidence/tsa-client.ts';
import {
  keyListLine,
  makeAuthority,
  makeSshKey,
  startAuthority,
  type RunningAuthority,
  type TestKey,
} from '../helpers/signing.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'evidence-tools-'));
const text = Buffer.from('AllWork Privacy Policy\n\nLast Modified: April 25, 2024\n', 'utf8');
const sha256 = createHash('sha256').update(text).digest('hex');
let key: TestKey;
let tsa: RunningAuthority;

beforeAll(async () => {
  key = makeSshKey(dir);
  tsa = await startAuthority(makeAuthority(path.join(dir, 'tsa')));
  writeFileSync(path.join(dir, 'text'), text);
  writeFileSync(path.join(dir, 'allowed_signers'), `${keyListLine(key)}\n`);
});
afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

const sshVerify = (signatureFile: string, extra: string[] = []) =>
  spawnSync(
    'ssh-keygen',
    [
      '-Y',
      'verify',
      '-f',
      path.join(dir, 'allowed_signers'),
      '-I',
      'policies@allworknow.com',
      '-n',
      'allwork-policies',
      '-s',
      signatureFile,
      ...extra,
    ],
    { input: text, encoding: 'utf8' },
  );

describe('SSH signatures', () => {
  test('a signature made here is good for ssh-keygen -Y verify, with the fingerprint ssh-keygen prints', () => {
    const signingKey = readSigningKey(key.privateKey);
    expect(signingKey.publicKey.fingerprint).toBe(key.fingerprint);
    writeFileSync(path.join(dir, 'ours.sig'), signMessage(text, signingKey));
    const result = sshVerify(path.join(dir, 'ours.sig'));
    expect(result.stdout + result.stderr).toContain(
      `Good "allwork-policies" signature for policies@allworknow.com with ED25519 key ${key.fingerprint}`,
    );
    expect(result.status).toBe(0);
  });

  test('a signature made by ssh-keygen -Y sign is good here, and bad for another text or namespace', () => {
    execFileSync('ssh-keygen', ['-Y', 'sign', '-f', key.keyFile, '-n', 'allwork-policies', path.join(dir, 'text')], {
      stdio: 'pipe',
    });
    const signature = readSignature(execFileSync('cat', [path.join(dir, 'text.sig')], { encoding: 'utf8' }));
    expect(signatureMatches(text, signature)).toBe(true);
    expect(signatureMatches(Buffer.from('AllWork Privacy Policy, edited'), signature)).toBe(false);
    expect(signatureMatches(text, signature, 'file')).toBe(false);
  });

  test('ssh-keygen refuses a signature at a time outside the key list period (the token time decides)', () => {
    writeFileSync(path.join(dir, 'allowed_signers'), `${keyListLine(key, '20200101Z', '20250101Z')}\n`);
    try {
      expect(
        sshVerify(path.join(dir, 'ours.sig'), [`-Overify-time=${sshVerifyTime('2024-06-01T10:00:00Z')}`]).status,
      ).toBe(0);
      expect(
        sshVerify(path.join(dir, 'ours.sig'), [`-Overify-time=${sshVerifyTime('2026-12-01T10:00:00Z')}`]).status,
      ).not.toBe(0);
      const [listed] = parseKeyList(`${keyListLine(key, '20200101Z', '20250101Z')}\n`).keys;
      expect(listed && validAt(listed, '2024-06-01T10:00:00Z')).toBe(true);
      expect(listed && validAt(listed, '2026-12-01T10:00:00Z')).toBe(false);
    } finally {
      writeFileSync(path.join(dir, 'allowed_signers'), `${keyListLine(key)}\n`);
    }
  });
});

describe('RFC 3161 time-stamps', () => {
  test('the authority answers our request; openssl ts -verify accepts the reply; we read its time and imprint', async () => {
    const before = new Date(Date.now() - 5000).toISOString();
    const { reply, info } = await requestTimestamp(tsa.url, sha256);
    expect(info.imprintSha256).toBe(sha256);
    expect(info.genTime >= before.slice(0, 19)).toBe(true);
    expect(readTimestampReply(reply)).toEqual(info);
    writeFileSync(path.join(dir, 'reply.tsr'), reply);
    const openssl = spawnSync(
      'openssl',
      ['ts', '-verify', '-data', path.join(dir, 'text'), '-in', path.join(dir, 'reply.tsr'), '-CAfile', tsa.caFile],
      { encoding: 'utf8' },
    );
    expect(openssl.stdout).toContain('Verification: OK');
    expect((await opensslVerifyToken(text, reply, tsa.caFile)).ok).toBe(true);
  });

  test('the authority certificate is checked as it stood at the token time (-attime), not on the day of checking', async () => {
    const { reply, info } = await requestTimestamp(tsa.url, sha256);
    expect((await opensslVerifyToken(text, reply, tsa.caFile, info.genTime)).ok).toBe(true);
    // The test certificates last ten years: in 2040 they have expired, and openssl says so.
    const later = await opensslVerifyToken(text, reply, tsa.caFile, '2040-01-01T00:00:00Z');
    expect(later.ok).toBe(false);
    expect(later.output).toContain('certificate has expired');
  });

  test('openssl ts -verify refuses another text, and an authority the CA file does not vouch for', async () => {
    const { reply } = await requestTimestamp(tsa.url, sha256);
    expect((await opensslVerifyToken(Buffer.from('another text'), reply, tsa.caFile)).ok).toBe(false);
    const stranger = makeAuthority(path.join(dir, 'stranger'), 'Stranger');
    const verdict = await opensslVerifyToken(text, reply, stranger.caFile);
    expect(verdict.ok).toBe(false);
    expect(verdict.output).toMatch(/certificate/i);
  });

  test('a reply for another hash is an integrity error (Error, not TsaUnavailable): the run must stop', async () => {
    const { reply } = await requestTimestamp(tsa.url, 'ef'.repeat(32));
    const liar = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(reply);
    });
    liar.unref();
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(liar.address() as AddressInfo).port}/`;
      const failure = await requestTimestamp(url, sha256).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toBeInstanceOf(TsaUnavailable);
      expect(String(failure)).toContain(`time-stamped another hash (${'ef'.repeat(32)}) than the text's (${sha256})`);
    } finally {
      liar.close();
    }
  });

  test('an authority that cannot be reached is operational: TsaUnavailable, naming the address', async () => {
    await expect(requestTimestamp('http://127.0.0.1:9/tsr', sha256, 2000)).rejects.toThrow(TsaUnavailable);
    await expect(requestTimestamp('http://127.0.0.1:9/tsr', sha256, 2000)).rejects.toThrow(
      'http://127.0.0.1:9/tsr could not be reached',
    );
  });
});
