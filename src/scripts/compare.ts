/**
 * The compare page, enhanced: with JavaScript the chosen comparison renders on the page and
 * lives in the address (`?from=…&to=…[&view=full]`), so it can be linked and the Back button
 * works. Without JavaScript the same form submits to the server, which redirects to the
 * precomputed page. This file stays small: the diff and its renderer are imported only when a
 * comparison is asked for (compare-view.ts), and reading pages load neither; the error
 * summary's script too, only once there is an error to show.
 */
import type { FieldError } from '../lib/forms/field-error.ts';
import { errorLinks } from '../lib/forms/field-error.ts';
import { choosePair, type CompareField } from '../lib/history/choose.ts';

type View = 'sections' | 'full';

interface Elements {
  readonly form: HTMLFormElement;
  readonly from: HTMLSelectElement;
  readonly to: HTMLSelectElement;
  readonly output: HTMLElement;
  readonly status: HTMLElement;
  readonly policy: string;
  /** The page's own title, before any comparison. */
  readonly pageTitle: string;
}

function find(): Elements | null {
  const form = document.querySelector<HTMLFormElement>('form[data-compare-form]');
  const from = document.querySelector<HTMLSelectElement>('select#from');
  const to = document.querySelector<HTMLSelectElement>('select#to');
  const output = document.querySelector<HTMLElement>('[data-comparison]');
  const status = document.querySelector<HTMLElement>('[data-comparison-status]');
  if (!form || !from || !to || !output || !status) return null;
  return { form, from, to, output, status, policy: form.dataset['policy'] ?? '', pageTitle: document.title };
}

/** Version ids oldest first, from the select (which lists them newest first). */
const versionIds = (select: HTMLSelectElement): string[] => [...select.options].map((o) => o.value).reverse();

const errorSummary = () => import('../components/error-summary/error-summary.ts');
let summaryShown = false;

async function showErrors(el: Elements, errors: readonly FieldError<CompareField>[]): Promise<void> {
  for (const field of [el.from, el.to]) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
    field.closest('.field')?.classList.remove('has-error');
    document.getElementById(`${field.id}-error`)?.remove();
  }
  if (!errors.length) {
    if (summaryShown) (await errorSummary()).removeErrorSummary();
    summaryShown = false;
    return;
  }
  for (const error of errors) {
    // The message by the field, as the server renders it.
    const field = document.getElementById(error.field);
    if (field) {
      const message = document.createElement('p');
      message.className = 'field-error';
      message.id = `${error.field}-error`;
      const marker = document.createElement('span');
      marker.className = 'error-marker';
      marker.textContent = 'Error: ';
      message.append(marker, error.message);
      field.before(message);
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', message.id);
      field.closest('.field')?.classList.add('has-error');
    }
  }
  // The summary at the top of the forms, where the server puts it; it takes focus.
  (await errorSummary()).showErrorSummary(errorLinks(errors), [], (summary) => {
    el.form.before(summary);
  });
  summaryShown = true;
}

async function render(el: Elements, from: string, to: string, view: View, moveFocus: boolean): Promise<void> {
  el.status.textContent = 'Loading the comparison…';
  try {
    const { showComparison } = await import('./compare-view.ts');
    const summary = await showComparison(el.output, {
      policy: el.policy,
      from,
      to,
      view,
      versionIds: versionIds(el.from),
      label: (id) => [...el.from.options].find((o) => o.value === id)?.textContent.trim() ?? id,
    });
    el.status.textContent = `Comparison ready: ${summary}.`;
    // The window title says what the page shows now (WCAG 2.4.2), as the prebuilt pages' do.
    const title = el.output.querySelector<HTMLElement>('#comparison-title');
    document.title = `${title?.textContent.trim() ?? 'Comparison'}${view === 'full' ? ', in full' : ''} – ${el.pageTitle}`;
    if (moveFocus) title?.focus();
  } catch {
    el.status.textContent = 'The comparison could not be loaded. Submit the form again to open it as a page.';
    el.output.replaceChildren();
  }
}

function readAddress(el: Elements): { from: string; to: string; view: View } | null {
  const params = new URLSearchParams(location.search);
  const choice = choosePair(versionIds(el.from), params.get('from'), params.get('to'));
  if (!choice.ok) return null;
  return { from: choice.from, to: choice.to, view: params.get('view') === 'full' ? 'full' : 'sections' };
}

function addressFor(from: string, to: string, view: View): string {
  const params = new URLSearchParams({ from, to });
  if (view === 'full') params.set('view', 'full');
  return `${location.pathname}?${params.toString()}`;
}

/** Wire up the compare page. Does nothing when the page has no compare form (a single version). */
export function startComparePage(): void {
  const el = find();
  if (!el) return;

  const go = (from: string, to: string, view: View, moveFocus: boolean, push: boolean): void => {
    el.from.value = from;
    el.to.value = to;
    if (push) history.pushState(null, '', addressFor(from, to, view));
    void render(el, from, to, view, moveFocus);
  };

  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const choice = choosePair(versionIds(el.from), el.from.value, el.to.value);
    if (!choice.ok) {
      void showErrors(el, choice.errors);
      return;
    }
    void showErrors(el, []);
    go(choice.from, choice.to, 'sections', true, true);
  });

  // The two views of a rendered comparison are links to this page's address; follow them here.
  el.output.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-view]');
    const current = readAddress(el);
    if (!link || !current) return;
    event.preventDefault();
    go(current.from, current.to, link.dataset['view'] === 'full' ? 'full' : 'sections', true, true);
  });

  /**
   * Show what the address asks for. After Back or Forward (`moveFocus`), focus goes to what
   * changed: the comparison's heading, or, when Back leaves the comparisons, the form's button
   * the reader compared with, instead of being dropped on the body.
   */
  const fromAddress = (moveFocus: boolean): void => {
    const chosen = readAddress(el);
    if (chosen) go(chosen.from, chosen.to, chosen.view, moveFocus, false);
    else {
      el.output.replaceChildren();
      el.status.textContent = '';
      document.title = el.pageTitle;
      if (moveFocus) el.form.querySelector<HTMLElement>('button[type="submit"]')?.focus();
    }
  };
  window.addEventListener('popstate', () => {
    fromAddress(true);
  });
  fromAddress(false);
}
