/**
 * The verify pages of the fixture build (some versions signed with a throwaway key and a test
 * authority, the newest not yet): the page's facts, its commands run as printed with the standard
 * tools on the files the server publishes, `policy verify` on a version's address, and the plain
 * "not signed yet" of an unsigned version.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readKeyList } from '../../src/lib/evidence/keys.ts';
import type { VersionsIndex } from '../../src/lib/feeds.ts';
import { runProcess } from '../helpers/process.ts';
import { expect, test } from './support/test.ts';

const [fixtureKey] = readKeyList(path.resolve('tests/fixtures/content')).keys;
const tsx = path.resolve('node_modules/.bin/tsx');

test('a signed version links to its verify page, which names the key and the authority time', async ({ page }) => {
  await page.goto('/privacy-policy/2024-04-25/');
  await page.getByRole('link', { name: 'Verify this version' }).click();
  await expect(page).toHaveURL(/\/privacy-policy\/2024-04-25\/verify\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verify the Privacy Policy of April 25, 2024');
  const facts = page.locator('.verify-facts');
  await expect(facts).toContainText(fixtureKey?.publicKey.fingerprint ?? 'missing key');
  await expect(facts.locator('time')).toHaveAttribute('datetime', /^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  await expect(facts.locator('time')).toHaveText(/^\w+ \d{1,2}, 20\d\d at \d\d:\d\d:\d\d UTC$/);
  await expect(page.getByRole('heading', { name: 'Check it yourself' })).toBeVisible();
  expect(await page.locator('script').count()).toBe(0);
});

test('the page’s commands, run as printed with sha256sum, ssh-keygen and openssl, pass on the published files', async ({
  page,
  request,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'verify-page-'));
  try {
    const files = {
      'canonical.txt': '/privacy-policy/2024-04-25/canonical.txt',
      'canonical.txt.sig': '/privacy-policy/2024-04-25/canonical.txt.sig',
      'canonical.txt.tsr': '/privacy-policy/2024-04-25/canonical.txt.tsr',
      allowed_signers: '/keys/allowed_signers',
      'tsa-ca.pem': '/keys/tsa-ca.pem',
    };
    for (const [name, url] of Object.entries(files)) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      writeFileSync(path.join(dir, name), await response.body());
    }
    expect((await request.head(files['canonical.txt.tsr'])).headers()['content-type']).toBe(
      'application/timestamp-reply',
    );
    expect((await request.head(files['canonical.txt.sig'])).headers()['content-type']).toBe(
      'text/plain; charset=utf-8',
    );
    await page.goto('/privacy-policy/2024-04-25/verify/');
    const steps = page.locator('.verify-steps > li');
    await expect(steps).toHaveCount(5);
    // Steps 2 to 4 check; step 1 downloads from the canonical origin (done above), step 5 only prints.
    for (const index of [1, 2, 3]) {
      const command = (await steps.nth(index).locator('pre').textContent()) ?? '';
      const expected = (await steps.nth(index).locator('p code').last().textContent()) ?? '';
      const run = await runProcess('bash', ['-c', command], { cwd: dir });
      expect(run.code, `${command}\n${run.stderr}`).toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain(expected);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('policy verify on a signed version’s address passes; on an unsigned one it names the missing files', async ({
  baseURL,
}) => {
  const signed = await runProcess(tsx, ['scripts/policy.ts', 'verify', `${baseURL}/privacy-policy/2024-04-25/`]);
  expect(signed.stderr).toBe('');
  expect(signed.stdout).toContain('ok   timestamp: the authority says the text existed at');
  expect(signed.code).toBe(0);
  const unsigned = await runProcess(tsx, ['scripts/policy.ts', 'verify', `${baseURL}/privacy-policy/2025-09-01/`]);
  expect(unsigned.code).toBe(1);
  expect(unsigned.stdout).toContain(`FAIL files: missing: ${baseURL}/privacy-policy/2025-09-01/canonical.txt.sig`);
  expect(unsigned.stderr).toBe('Verification failed: files.\n');
});

test('a version not signed yet says so plainly, on its page and its verify page', async ({ page }) => {
  await page.goto('/privacy-policy/2025-09-01/');
  await page.getByRole('link', { name: 'Verify (not signed yet)' }).click();
  await expect(page.getByRole('heading', { name: 'Not signed yet' })).toBeVisible();
  await expect(page.locator('.verify')).toContainText('This version has no signature or time-stamp yet.');
  await expect(page.locator('.verify-steps')).toHaveCount(0);
});

test('keyboard: from the version page, Tab reaches "Verify this version" and Enter opens it', async ({ page }) => {
  await page.goto('/privacy-policy/2024-04-25/');
  const link = page.getByRole('link', { name: 'Verify this version' });
  for (let presses = 0; presses < 40 && !(await link.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/privacy-policy\/2024-04-25\/verify\/$/);
});

for (const mode of ['320 px (400% zoom)', 'forced colours'] as const) {
  test(`the commands and the key fingerprint wrap instead of scrolling, and stay framed (${mode})`, async ({
    page,
  }) => {
    if (mode === 'forced colours') await page.emulateMedia({ forcedColors: 'active' });
    else await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/privacy-policy/2024-04-25/verify/');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const command = page.locator('.verify-steps pre').nth(2);
    expect(await command.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await command.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
  });
}

test('versions.json gives a signed version its signature, token, key fingerprint and time; an unsigned one nulls', async ({
  request,
}) => {
  const index = (await (await request.get('/versions.json')).json()) as VersionsIndex;
  expect(index.keys).toMatch(/\/keys\/allowed_signers$/);
  const versions = index.policies.find((policy) => policy.id === 'privacy-policy')?.versions ?? [];
  const signed = versions.find((version) => version.version === '2024-04-25');
  expect(signed).toMatchObject({
    signatureUrl: expect.stringMatching(/\/privacy-policy\/2024-04-25\/canonical\.txt\.sig$/),
    timestampUrl: expect.stringMatching(/\/privacy-policy\/2024-04-25\/canonical\.txt\.tsr$/),
    keyFingerprint: fixtureKey?.publicKey.fingerprint,
    timestampedAt: expect.stringMatching(/^20\d\d-\d\d-\d\dT/),
    verifyUrl: expect.stringMatching(/\/privacy-policy\/2024-04-25\/verify\/$/),
  });
  expect(versions.find((version) => version.version === '2025-09-01')).toMatchObject({
    signatureUrl: null,
    timestampUrl: null,
    keyFingerprint: null,
    timestampedAt: null,
  });
});
