/**
 * The contact form in Chromium, with JavaScript on and off: every error state (from the shared
 * fixtures) shows the GOV.UK error summary with focus on it, inline errors described in order,
 * values kept, and links that move focus to the fields; a message goes through to the outbox;
 * the formats links pre-select the alternative-format answers. axe is clean in every state.
 */
import type { Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorId, fieldId, optionId, type ChoiceField } from '../../src/lib/contact/form.ts';
import type { FieldName } from '../../src/lib/contact/schema.ts';
import { errorStates, validStates } from '../fixtures/contact/form-states.ts';
import { axeViolations } from './support/axe.ts';
import { axeIn, mediaName, type Media } from './support/axe-no-script.ts';
import { fill, radioFields, send } from './support/contact-form.ts';
import { sidewaysScrollAtNarrowWidth } from './support/reflow.ts';
import { expect, test } from './support/test.ts';

/** The stored message for a reference, from the e2e server's outbox (no SMTP_URL there). */
async function storedMessage(distDir: string, reference: string) {
  const dir = path.resolve(distDir, '.outbox-e2e');
  const name = (await readdir(dir)).find((file) => file.endsWith(`-${reference}.eml`));
  expect(name, `an .eml for ${reference} in ${dir}`).toBeDefined();
  return simpleParser(await readFile(path.join(dir, name ?? '')));
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });
    /** axe in this state: in the page itself, or (JavaScript off) in a copy of it. */
    const axe = (page: Page, medias: readonly Media[] = [{}]) => axeIn(page, javaScriptEnabled, medias);

    // With JavaScript on, the empty form is checked with axe (light and dark) by pages.builds.spec.ts.
    if (!javaScriptEnabled) {
      test('the empty form is axe-clean (light and dark scheme)', async ({ page }) => {
        await page.goto('/contact/');
        await expect(page.locator('h1')).toHaveText('Contact us');
        expect(await axe(page, [{ colorScheme: 'light' }, { colorScheme: 'dark' }])).toEqual([]);
      });
    }

    for (const state of errorStates) {
      test(`errors, ${state.name}: summary focused, fields described, values kept, axe-clean`, async ({ page }) => {
        await page.goto('/contact/');
        await fill(page, state.fill);
        await send(page);

        const summary = page.locator('[data-error-summary]');
        await expect(summary).toBeFocused();
        await expect(page).toHaveTitle(/^Error: Contact us/);
        await expect(summary.locator('[role="alert"] h2')).toHaveText('There is a problem');
        await expect(summary.locator('li')).toHaveText(state.errors.map(([, message]) => message));

        // Each field: its own message (with its "Error:"), described after its hint.
        await expect(page.locator('form .error-message')).toHaveCount(state.errors.length);
        for (const [field, message] of state.errors) {
          await expect(page.locator(`#${errorId(field)}`)).toHaveText(`Error: ${message}`);
          const control = page.locator(`[aria-describedby~="${errorId(field)}"]`);
          await expect(control).toHaveCount(1);
          const ids = (await control.getAttribute('aria-describedby'))?.split(' ') ?? [];
          expect(ids.at(-1)).toBe(errorId(field));
          // Text fields say they are invalid; a radio group (a fieldset) has its message only.
          if (!radioFields.has(field)) await expect(control).toHaveAttribute('aria-invalid', 'true');
        }

        // Values kept.
        for (const [field, value] of Object.entries(state.fill) as [FieldName, string][]) {
          if (radioFields.has(field))
            await expect(page.locator(`#${optionId(field as ChoiceField, value)}`)).toBeChecked();
          else await expect(page.locator(`#${fieldId(field)}`)).toHaveValue(value);
        }

        expect(await axe(page)).toEqual([]);

        // Every summary link moves focus to its field. Followed with Enter, as a keyboard user does:
        // a pointer click can land beside a link while the previous jump is still scrolling smoothly.
        const hrefs = await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        expect(hrefs).toHaveLength(state.errors.length);
        for (const href of hrefs) {
          await summary.locator(`a[href="${href}"]`).press('Enter');
          await expect(page.locator(href)).toBeFocused();
        }
      });
    }

    /** The state with the most errors on screen. */
    const showEveryFieldWrong = async (page: Page) => {
      await page.goto('/contact/');
      await fill(page, errorStates[1]?.fill ?? {});
      await send(page);
      await expect(page.locator('[data-error-summary]')).toBeFocused();
    };

    // One visit: the errors at 320 px (400% zoom), then at the usual width in each colour setting.
    test('errors reflow at 320 px, are axe-clean in the dark scheme and forced colours, and say "Error" in words', async ({
      page,
    }) => {
      expect(await sidewaysScrollAtNarrowWidth(page, () => showEveryFieldWrong(page))).toBeLessThanOrEqual(0);
      const medias = [
        { colorScheme: 'dark', forcedColors: 'none' },
        { colorScheme: 'light', forcedColors: 'active' },
        { colorScheme: 'dark', forcedColors: 'active' },
      ] as const satisfies readonly Media[];
      expect(await axe(page, medias)).toEqual([]);
      // Colours are the system's here: in each setting, each message still shows the word that
      // marks it an error (emulated in the page itself, JavaScript off too).
      const markers = page.locator('form .error-message .error-marker');
      for (const media of medias) {
        await page.emulateMedia(media);
        await expect(markers, mediaName(media)).toHaveCount(errorStates[1]?.errors.length ?? 0);
        const widths = await markers.evaluateAll((found) => found.map((m) => m.getBoundingClientRect().width));
        for (const width of widths) expect(width, mediaName(media)).toBeGreaterThan(20);
      }
    });

    test('a message goes through: the confirmation shows its reference, and it waits in the outbox', async ({
      page,
      distDir,
      context,
    }) => {
      const agent = validStates[2];
      await page.goto('/contact/');
      await fill(page, agent?.fill ?? {});
      await send(page);
      await expect(page).toHaveURL(/\/contact\/sent\/\?ref=AW-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const reference = new URL(page.url()).searchParams.get('ref') ?? '';
      await expect(page.locator('h1')).toHaveText('Message sent');
      await expect(page.locator('.panel__reference')).toHaveText(reference);
      expect(await axe(page)).toEqual([]);

      const mail = await storedMessage(distDir, reference);
      expect(mail.replyTo?.value).toEqual([{ name: 'Sam Agent', address: 'sam@example.net' }]);
      expect(mail.subject).toBe(`[${reference}] California privacy request: delete (authorized agent)`);
      expect(mail.text).toContain('I act for my client, who asks you to delete their data.');
      expect(await context.cookies()).toEqual([]);
    });

    test('the formats links pre-select an alternative format of that document', async ({ page, distDir }) => {
      await page.goto('/contact/?topic=alternative-format&document=california-privacy-notice');
      await expect(page.locator('#topic-alternative-format')).toBeChecked();
      await expect(page.locator('#document-california-privacy-notice')).toBeChecked();
      await expect(page.locator('#topic-alternative-format-reveal')).toBeVisible();
      // With JavaScript only the chosen answer's follow-up questions show; without, all do.
      await expect(page.locator('#topic-privacy-request-reveal')).toBeVisible({ visible: !javaScriptEnabled });
      expect(await axe(page)).toEqual([]);

      await fill(page, {
        name: 'Kim Reader',
        email: 'kim@example.com',
        format: 'large-print',
        message: 'In 24 point, please.',
      });
      await send(page);
      await expect(page).toHaveURL(/\/contact\/sent\/\?ref=/);
      const reference = new URL(page.url()).searchParams.get('ref') ?? '';
      expect((await storedMessage(distDir, reference)).subject).toBe(
        `[${reference}] Alternative format: Privacy Notice for California Residents, Large print`,
      );
    });

    for (const policy of ['privacy-policy', 'california-privacy-notice']) {
      test(`${policy}: its page leads to the form with that document's alternative format chosen`, async ({ page }) => {
        await page.goto(`/${policy}/`);
        await page.getByRole('link', { name: 'Ask us for an alternative format' }).first().click();
        await expect(page).toHaveURL(`/contact/?topic=alternative-format&document=${policy}`);
        await expect(page.locator('#topic-alternative-format')).toBeChecked();
        await expect(page.locator(`#document-${policy}`)).toBeChecked();
      });
    }

    test('the accessibility statement links to the form with an alternative format chosen', async ({ page }) => {
      await page.goto('/accessibility/');
      await page.getByRole('link', { name: 'ask us for an alternative format' }).click();
      await expect(page).toHaveURL(/\/contact\/\?topic=alternative-format$/);
      await expect(page.locator('#topic-alternative-format')).toBeChecked();
    });

    test('the Notice at Collection is linked right beside the send button', async ({ page }) => {
      await page.goto('/contact/');
      const actions = page.locator('.form-actions');
      await expect(actions.getByRole('button', { name: 'Send message' })).toBeVisible();
      const link = actions.getByRole('link', { name: 'Notice at Collection for California Residents' });
      await expect(link).toHaveAttribute('href', '/california-privacy-notice/#notice-at-collection');
      await link.click();
      await expect(page.locator('#notice-at-collection')).toBeInViewport();
    });
  });
}

test.describe('with JavaScript', () => {
  test('follow-up questions show only under the chosen answer, and the keyboard reaches them', async ({ page }) => {
    await page.goto('/contact/');
    const formatReveal = page.locator('#topic-alternative-format-reveal');
    const requestReveal = page.locator('#topic-privacy-request-reveal');
    await expect(formatReveal).toBeHidden();
    await expect(requestReveal).toBeHidden();
    await expect(page.locator('#topic-alternative-format')).toHaveAttribute(
      'aria-controls',
      'topic-alternative-format-reveal',
    );

    await page.locator('#email').focus();
    await page.keyboard.press('Tab'); // into the topic group: its first option
    await expect(page.locator('#topic-policy-question')).toBeFocused();
    await page.keyboard.press('ArrowDown'); // selects "A policy in another format"
    await expect(page.locator('#topic-alternative-format')).toBeChecked();
    await expect(formatReveal).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.locator('#document-privacy-policy')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowDown'); // "A California privacy request"
    await expect(formatReveal).toBeHidden();
    await expect(requestReveal).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the character count follows typing, and is announced politely once typing pauses', async ({ page }) => {
    await page.goto('/contact/');
    const status = page.locator('.character-count__status');
    const spoken = page.locator('.character-count [aria-live="polite"]');
    await expect(status).toHaveText('You have 2,000 characters remaining');
    await expect(status).toHaveAttribute('aria-hidden', 'true');
    await expect(page.locator('#message-info')).toHaveClass(/visually-hidden/);
    await page.locator('#message').pressSequentially('Hello');
    await expect(status).toHaveText('You have 1,995 characters remaining');
    await expect(spoken).toHaveText('You have 1,995 characters remaining');
    await page.locator('#message').fill('x'.repeat(2001));
    await expect(status).toHaveText('You have 1 character too many');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the keyboard alone: send, land on the summary, follow a link to the field', async ({ page }) => {
    await page.goto('/contact/');
    await page.locator('#message').focus();
    await page.keyboard.press('Tab'); // the send button (the honeypot is out of the tab order)
    await expect(page.getByRole('button', { name: 'Send message' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-error-summary]')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Enter your name' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#name')).toBeFocused();
  });

  test('pressing send twice quickly sends one message', async ({ page }) => {
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.goto('/contact/');
    await fill(page, validStates[0]?.fill ?? {});
    await page.getByRole('button', { name: 'Send message' }).dblclick();
    await expect(page).toHaveURL(/\/contact\/sent\/\?ref=/);
    expect(posts).toHaveLength(1);
  });
});

test('no cookies, no other origins, nothing the CSP blocks: a whole submission', async ({ page, baseURL, context }) => {
  const origin = new URL(baseURL ?? '').origin;
  const foreign: string[] = [];
  const blocked: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) foreign.push(request.url());
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) blocked.push(message.text());
  });
  await page.goto('/contact/');
  await send(page);
  await fill(page, validStates[3]?.fill ?? {});
  await send(page);
  await expect(page).toHaveURL(/\/contact\/sent\//);
  expect(foreign).toEqual([]);
  expect(blocked).toEqual([]);
  expect(await context.cookies()).toEqual([]);
});
