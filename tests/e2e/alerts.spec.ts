/**
 * Change alerts in Chromium, with JavaScript on and off: from a policy page's link to the
 * form, its errors (GOV.UK summary focused, links to the fields; sent in the page with
 * JavaScript, as the contact form is), "check your email", the
 * confirmation link's page and button, an expired link, and the unsubscribe page and button.
 * axe is clean in every state. The e2e server has no SMTP_URL: confirmations are read from its
 * outbox, and its subscriber database (DATA_DIR) is opened on disk to expire a link or to hold
 * an alert's unsubscribe token.
 */
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { databaseFileName } from '../../src/lib/alerts/database.ts';
import { newToken, tokenHash } from '../../src/lib/alerts/tokens.ts';
import { axeViolations } from './support/axe.ts';
import { axeViolationsWithoutScripts } from './support/axe-no-script.ts';
import { sidewaysScrollAtNarrowWidth } from './support/reflow.ts';
import { expect, test } from './support/test.ts';

/** The confirmation link sent to `address`, from the e2e server's outbox, on this server. */
async function confirmationLink(distDir: string, address: string, baseURL: string): Promise<string> {
  const dir = path.resolve(distDir, '.outbox-e2e');
  let found: string | undefined;
  await expect
    .poll(async () => {
      for (const name of (await readdir(dir)).filter((file) => file.endsWith('.eml'))) {
        const mail = await simpleParser(await readFile(path.join(dir, name)));
        const link = /https?:\/\/[^/\s]+(\/subscribe\/confirm\/\?token=[\w-]{43})/.exec(mail.text ?? '')?.[1];
        if (mail.headers.get('x-allwork-alert') === 'confirmation' && mail.to && link) {
          const recipients = (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a.value);
          if (recipients.some((r) => r.address === address)) found = `${baseURL}${link}`;
        }
      }
      return found;
    })
    .toBeDefined();
  return found ?? '';
}

function database(distDir: string) {
  return new Database(path.resolve(distDir, '.data-e2e', databaseFileName));
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });
    const axe = (page: Page) => (javaScriptEnabled ? axeViolations(page) : axeViolationsWithoutScripts(page));
    const address = (name: string) => `${name}-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.net`;

    test('a policy page links to the form with that policy ticked', async ({ page }) => {
      await page.goto('/privacy-policy/');
      await page.getByRole('link', { name: 'Get an email when this policy changes' }).click();
      await expect(page).toHaveURL(/\/subscribe\/\?policy=privacy-policy$/);
      await expect(page.getByRole('checkbox', { name: 'Privacy Policy' })).toBeChecked();
      await expect(page.getByRole('checkbox', { name: 'Privacy Notice for California Residents' })).not.toBeChecked();
    });

    test('errors: summary focused, fields described, values kept, links move focus, axe-clean', async ({ page }) => {
      await page.goto('/subscribe/');
      await page.getByLabel('Email address').fill('not an address');
      for (const box of await page.locator('input[name^="policy-"]').all()) await box.uncheck();
      await page.getByLabel('Only tell me about substantive changes').check();
      await page.getByRole('button', { name: 'Subscribe' }).click();

      const summary = page.locator('[data-error-summary]');
      await expect(summary).toBeFocused();
      await expect(page).toHaveTitle(/^Error: Email alerts/);
      // With JavaScript the form is sent in the page (JSON): the address stays the form's own;
      // without, the server answers the post with the form again.
      await expect(page).toHaveURL(javaScriptEnabled ? /\/subscribe\/$/ : /\/api\/subscribe$/);
      await expect(page.locator('#email')).toHaveAttribute('aria-invalid', 'true');
      await expect(summary.locator('li')).toHaveText([
        'Enter an email address in the correct format, like name@example.com',
        'Select at least one policy',
      ]);
      await expect(page.locator('#email')).toHaveAttribute('aria-describedby', 'email-hint email-error');
      await expect(page.locator('#email')).toHaveValue('not an address');
      await expect(page.getByLabel('Only tell me about substantive changes')).toBeChecked();
      expect(await axe(page)).toEqual([]);
      for (const [href, target] of [
        ['#email', '#email'],
        ['#policy-privacy-policy', '#policy-privacy-policy'],
      ] as const) {
        // Enter, as a keyboard user does: a click can land beside a link while a jump still scrolls.
        await summary.locator(`a[href="${href}"]`).press('Enter');
        await expect(page.locator(target)).toBeFocused();
      }
    });

    test('subscribe → check your email → confirm with the keyboard, every page axe-clean', async ({
      page,
      distDir,
      baseURL,
    }) => {
      const email = address('flow');
      await page.goto('/subscribe/');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Subscribe' }).press('Enter');
      await expect(page.locator('h1')).toHaveText('Check your email');
      expect(await axe(page)).toEqual([]);

      await page.goto(await confirmationLink(distDir, email, baseURL ?? ''));
      await expect(page.locator('h1')).toHaveText('Confirm your email alerts');
      expect(await axe(page)).toEqual([]);
      await page.getByRole('button', { name: 'Confirm' }).focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('h1')).toHaveText('Your email alerts are confirmed');
      await expect(page.locator('main')).toContainText(
        'Privacy Policy and the Privacy Notice for California Residents',
      );
      expect(await axe(page)).toEqual([]);
    });

    test('an expired link says so and sends a new one, axe-clean', async ({ page, distDir, baseURL }) => {
      const email = address('expired');
      await page.goto('/subscribe/');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await expect(page.locator('h1')).toHaveText('Check your email');
      const link = await confirmationLink(distDir, email, baseURL ?? '');
      const db = database(distDir);
      db.prepare('UPDATE subscribers SET confirm_expires_at = 0 WHERE address = ?').run(email);
      db.close();

      const response = await page.goto(link);
      expect(response?.status()).toBe(410);
      await expect(page.locator('h1')).toHaveText('This link has expired');
      expect(await axe(page)).toEqual([]);
      await page.getByRole('button', { name: 'Send me a new link' }).click();
      await expect(page.locator('h1')).toHaveText('Check your email');
    });

    test('the unsubscribe link: one button, then unsubscribed, axe-clean', async ({ page, distDir }) => {
      const email = address('leaving');
      const token = newToken();
      const db = database(distDir);
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO subscribers (address, policies, substantive_only, pending_policies, pending_substantive_only,
             created_at, confirmed_at) VALUES (?, 'privacy-policy', 0, 'privacy-policy', 0, 0, 0)`,
        )
        .run(email);
      db.prepare(
        `INSERT INTO alert_messages (reference, subscriber_id, policy, version, state, unsubscribe_token_hash)
         VALUES (?, ?, 'privacy-policy', '2024-04-25', 'queued', ?)`,
      ).run(
        `AW-E2E${javaScriptEnabled ? '1' : '0'}-${String(Date.now() % 10000).padStart(4, '0')}`,
        lastInsertRowid,
        tokenHash(token),
      );
      db.close();

      await page.goto(`/unsubscribe/?token=${token}`);
      await expect(page.locator('h1')).toHaveText('Unsubscribe from email alerts');
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await expect(page.locator('h1')).toHaveText('You are unsubscribed');
      expect(await axe(page)).toEqual([]);
      const check = database(distDir);
      expect(check.prepare('SELECT COUNT(*) AS n FROM subscribers WHERE address = ?').get(email)).toEqual({ n: 0 });
      check.close();
    });
  });
}

/** The form with both errors on screen (JavaScript on: the media checks run once). */
async function showErrors(page: Page): Promise<void> {
  await page.goto('/subscribe/');
  for (const box of await page.locator('input[name^="policy-"]').all()) await box.uncheck();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.locator('[data-error-summary]')).toBeFocused();
}

// One visit: the errors at 320 px (400% zoom), then at the usual width in forced colours, light and dark.
test('the form with errors reflows at 320 px (400% zoom) and is axe-clean in forced colours, light and dark', async ({
  page,
}) => {
  expect(await sidewaysScrollAtNarrowWidth(page, () => showErrors(page))).toBeLessThanOrEqual(0);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, forcedColors: 'active' });
    expect.soft(await axeViolations(page), `forced colours, ${colorScheme} scheme`).toEqual([]);
  }
});
