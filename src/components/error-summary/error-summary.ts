/**
 * The error summary in the browser, as GOV.UK Frontend's script does it:
 * - a summary on the page when it loads takes focus (the markup's `autofocus` does it without
 *   JavaScript; some browsers ignore `autofocus` on a page restored from history);
 * - a summary link moves focus to its field and scrolls the field's label or legend into view,
 *   so the question is seen along with the field (a plain `#id` link would only scroll);
 * - forms checked in the browser show their errors with `showErrorSummary`, in the page's
 *   `<ErrorSummary template />`, so they look and read exactly like the server's.
 */
import type { SummaryLink } from './props.ts';

const summarySelector = '[data-error-summary]';
const titlePrefix = 'Error: ';

/** The control a summary link points to, with what names it: a radio's legend, else its label. */
function captionOf(control: HTMLElement): Element | null {
  const legend = control.closest('fieldset')?.querySelector('legend');
  if (control instanceof HTMLInputElement && control.type === 'radio' && legend) return legend;
  return document.querySelector(`label[for="${CSS.escape(control.id)}"]`) ?? legend ?? null;
}

function followSummaryLink(event: MouseEvent): void {
  if (!(event.target instanceof Element)) return;
  const link = event.target.closest<HTMLAnchorElement>(`${summarySelector} a[href^="#"]`);
  if (!link) return;
  const control = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!(control instanceof HTMLElement)) return;
  event.preventDefault();
  (captionOf(control) ?? control).scrollIntoView();
  control.focus({ preventScroll: true });
}

let started = false;

/** Wire up the summaries of this page, now and later. Runs once, however often it is called. */
export function startErrorSummary(): void {
  if (started) return;
  started = true;
  document.addEventListener('click', followSummaryLink);
  const summary = document.querySelector<HTMLElement>(summarySelector);
  if (summary && (document.activeElement === null || document.activeElement === document.body)) summary.focus();
}

/** Take the summary off the page, and "Error: " off the title, once the form is right. */
export function removeErrorSummary(): void {
  document.querySelector(summarySelector)?.remove();
  if (document.title.startsWith(titlePrefix)) document.title = document.title.slice(titlePrefix.length);
}

/**
 * Show these problems in a copy of the page's summary template, put in place by `place` (at the
 * top of the form), title starting "Error: " (GOV.UK), focus on the summary. Returns the summary,
 * or null when the page has no template.
 */
export function showErrorSummary(
  errors: readonly SummaryLink[],
  notices: readonly string[],
  place: (summary: HTMLElement) => void,
): HTMLElement | null {
  startErrorSummary();
  removeErrorSummary();
  const template = document.querySelector('template[data-error-summary-template]');
  if (!(template instanceof HTMLTemplateElement)) return null;
  const summary = template.content.firstElementChild?.cloneNode(true);
  const list = summary instanceof HTMLElement ? summary.querySelector('ul') : null;
  if (!(summary instanceof HTMLElement) || !list) return null;
  for (const notice of notices) {
    const item = document.createElement('li');
    item.textContent = notice;
    list.append(item);
  }
  for (const error of errors) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = error.href;
    link.textContent = error.message;
    item.append(link);
    list.append(item);
  }
  place(summary);
  if (!document.title.startsWith(titlePrefix)) document.title = `${titlePrefix}${document.title}`;
  summary.focus();
  return summary;
}
