/** The policy text of a page as a reader reads it, for the word-for-word comparisons. */
import type { Page } from '@playwright/test';

/**
 * `#policy-text` without its reading aids (the "§" links to each section and "Back to
 * contents"): they help find a way around the text and are no part of it. The cross-reference
 * links inside the text stay, so their words are compared too. The copy is laid out in the page
 * while it is read, since `innerText` follows the layout (block breaks, hidden elements).
 */
export function policyText(page: Page): Promise<string> {
  return page.locator('#policy-text').evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.removeAttribute('id');
    for (const aid of copy.querySelectorAll('.reading-aid')) aid.remove();
    document.body.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  });
}
