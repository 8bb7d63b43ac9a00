import type { Page } from '@playwright/test';
import { axeViolations, rulesFor } from './axe.ts';

export interface Media {
  colorScheme?: 'light' | 'dark';
  forcedColors?: 'active' | 'none';
}

/** How a colour setting reads in a failed assertion: "dark scheme, forced colours". */
export const mediaName = (media: Media): string =>
  `${media.colorScheme ?? 'light'} scheme${media.forcedColors === 'active' ? ', forced colours' : ''}`;

/** The whole setting, so that one shown after another leaves nothing of the one before. */
const emulated = (media: Media) => ({
  colorScheme: media.colorScheme ?? 'light',
  forcedColors: media.forcedColors ?? 'none',
});

/**
 * axe in one or more colour settings, for a page shown with JavaScript on or off: in the page
 * itself, or (off) in one copy of it (axeViolationsWithoutScripts). Every rule in the light
 * scheme, the colour rules otherwise (./axe.ts). Each violation is prefixed with its setting.
 */
export async function axeIn(page: Page, javaScriptEnabled: boolean, medias: readonly Media[]): Promise<string[]> {
  if (!javaScriptEnabled) return axeViolationsWithoutScripts(page, medias);
  const found: string[] = [];
  for (const media of medias) {
    await page.emulateMedia(emulated(media));
    found.push(...(await axeViolations(page, undefined, rulesFor(media))).map((v) => `${mediaName(media)}: ${v}`));
  }
  return found;
}

/**
 * axe for a page shown with JavaScript off. axe itself is a script, so it cannot run in that
 * page: this loads the very same HTML (as the browser has it, after a no-JS form post too) in a
 * fresh page where scripts run but the site's own are blocked, and checks that in each colour
 * setting given, one after the other in the same copy (the setting changes colours only).
 */
export async function axeViolationsWithoutScripts(page: Page, medias: readonly Media[] = [{}]): Promise<string[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const url = page.url();
  const html = await page.content();
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.route('**/*', async (route) => {
      const request = route.request();
      if (request.resourceType() === 'document' && request.url() === url) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      } else if (request.resourceType() === 'script') await route.abort();
      else await route.continue();
    });
    const found: string[] = [];
    for (const [index, media] of medias.entries()) {
      // Emulated before the copy loads, so the first setting is the one the page is shown in.
      await copy.emulateMedia(emulated(media));
      if (index === 0) await copy.goto(url);
      const violations = await axeViolations(copy, undefined, rulesFor(media));
      found.push(...violations.map((v) => (medias.length > 1 ? `${mediaName(media)}: ${v}` : v)));
    }
    return found;
  } finally {
    await context.close();
  }
}
