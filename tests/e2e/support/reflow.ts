import type { Page } from '@playwright/test';

/** WCAG 1.4.10's reflow width: 320 CSS px, the width of 1280 px at 400% zoom. */
const narrow = { width: 320, height: 640 };

/**
 * Shows a page at 320 px (`show` navigates to it and brings it to the state under test), returns
 * how far it then scrolls sideways (0 or less: it reflows), and puts the usual width back, so the
 * checks that follow in the same visit run where they ran on a visit of their own.
 */
export async function sidewaysScrollAtNarrowWidth(page: Page, show: () => Promise<void>): Promise<number> {
  const usual = page.viewportSize();
  await page.setViewportSize(narrow);
  await show();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (usual) await page.setViewportSize(usual);
  return overflow;
}
