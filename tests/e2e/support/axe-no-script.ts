import type { Page } from '@playwright/test';
import { axeViolations, rulesFor } from './axe.ts';

export interface Media {
  colorScheme?: 'light' | 'dark';
  forcedColors?: 'active' | 'none';
}

/**
 * axe for a page shown with JavaScript off. axe itself is a script, so it cannot run in that
 * page: this loads the very same HTML (as the browser has it, after a no-JS form post too) in a
 * fresh page where scripts run but the site's own are blocked, and checks that (every rule in the
 * light scheme, the colour rules in the dark scheme and forced colours: see ./axe.ts).
 */
export async function axeViolationsWithoutScripts(page: Page, media: Media = {}): Promise<string[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const url = page.url();
  const html = await page.content();
  const context = await browser.newContext({ javaScriptEnabled: true, ...media });
  try {
    const copy = await context.newPage();
    await copy.route('**/*', async (route) => {
      const request = route.request();
      if (request.resourceType() === 'document' && request.url() === url) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      } else if (request.resourceType() === 'script') await route.abort();
      else await route.continue();
    });
    await copy.goto(url);
    return await axeViolations(copy, undefined, rulesFor(media));
  } finally {
    await context.close();
  }
}
