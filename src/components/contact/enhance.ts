/**
 * Progressive enhancement of the contact form (the form works without any of this):
 * - follow-up questions show only under the chosen answer (GOV.UK conditional reveal);
 * - a live character count, announced politely once typing pauses (WCAG 4.1.3);
 * - submission with fetch and JSON: errors appear in the page, in the same markup and with the
 *   same messages as the server renders without JavaScript (the server writes them in both
 *   cases); the error summary (components/error-summary) takes focus, its links focus the fields.
 * If the request cannot be made, the form falls back to a plain submission.
 */
import type { ErrorLink } from '../../lib/forms/field-error.ts';
import { removeErrorSummary, showErrorSummary, startErrorSummary } from '../error-summary/error-summary.ts';

interface ContactAnswer {
  location?: string;
  errors?: ErrorLink[];
  notices?: string[];
  /** The form's signed start time to send next (a fresh one when the form had expired). */
  started?: string;
}

/** The owning group of an element: the nearest `[data-field]`. */
function ownGroup(element: Element): Element | null {
  return element.closest('[data-field]');
}

/** The first element matching `selector` that belongs to `group` itself, not to a nested group. */
function ownElement(group: Element, selector: string): HTMLElement | null {
  for (const element of group.querySelectorAll<HTMLElement>(selector)) if (ownGroup(element) === group) return element;
  return null;
}

function cloneTemplate(id: string): Element | null {
  const template = document.getElementById(id);
  return template instanceof HTMLTemplateElement
    ? (template.content.firstElementChild?.cloneNode(true) as Element)
    : null;
}

function setUpReveals(form: HTMLFormElement): void {
  const controllers = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"][data-reveals]')];
  const update = () => {
    for (const input of controllers) {
      const reveal = document.getElementById(input.dataset.reveals ?? '');
      if (reveal) reveal.hidden = !input.checked;
    }
  };
  for (const input of controllers) input.setAttribute('aria-controls', input.dataset.reveals ?? '');
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'radio') update();
  });
  update();
}

function setUpCharacterCount(form: HTMLFormElement): void {
  const group = form.querySelector<HTMLElement>('[data-character-count]');
  const textarea = group?.querySelector('textarea');
  const info = group?.querySelector('.character-count__message');
  if (!group || !textarea || !info) return;
  const max = Number(group.dataset.maxlength);
  // The static limit stays for screen readers (it is in aria-describedby); sighted users see the count.
  info.classList.add('visually-hidden');
  const visible = document.createElement('div');
  visible.className = 'hint character-count__status';
  visible.setAttribute('aria-hidden', 'true');
  const spoken = document.createElement('div');
  spoken.className = 'visually-hidden';
  spoken.setAttribute('aria-live', 'polite');
  info.after(visible, spoken);

  const format = new Intl.NumberFormat('en-US');
  const describe = () => {
    const remaining = max - textarea.value.length;
    const count = Math.abs(remaining);
    const noun = count === 1 ? 'character' : 'characters';
    return {
      over: remaining < 0,
      text: `You have ${format.format(count)} ${noun} ${remaining < 0 ? 'too many' : 'remaining'}`,
    };
  };
  let timer: number | undefined;
  const update = (announce: boolean) => {
    const { over, text } = describe();
    visible.textContent = text;
    visible.classList.toggle('character-count__status--over', over);
    textarea.classList.toggle('textarea--over', over);
    window.clearTimeout(timer);
    if (announce) timer = window.setTimeout(() => (spoken.textContent = text), 1000);
  };
  textarea.addEventListener('input', () => {
    update(true);
  });
  update(false);
}

function clearErrors(form: HTMLFormElement): void {
  removeErrorSummary();
  for (const message of form.querySelectorAll('.error-message')) message.remove();
  for (const group of form.querySelectorAll('.form-group--error')) group.classList.remove('form-group--error');
  for (const control of form.querySelectorAll<HTMLElement>('[data-describedby-base]')) {
    const base = control.dataset.describedbyBase ?? '';
    if (base) control.setAttribute('aria-describedby', base);
    else control.removeAttribute('aria-describedby');
    control.removeAttribute('aria-invalid');
  }
}

function showErrors(form: HTMLFormElement, errors: ErrorLink[], notices: string[]): void {
  clearErrors(form);
  for (const error of errors) {
    const group = form.querySelector(`[data-field="${CSS.escape(error.field)}"]`);
    if (!(group instanceof HTMLElement)) continue;
    const errorId = group.dataset.errorId ?? '';
    const message = cloneTemplate('contact-error-message');
    if (message) {
      message.id = errorId;
      message.append(error.message);
      ownElement(group, '[data-error-before]')?.before(message);
    }
    group.classList.add('form-group--error');
    const control = ownElement(group, '[data-describedby-base]');
    const base = control?.dataset.describedbyBase ?? '';
    control?.setAttribute('aria-describedby', [base, errorId].filter(Boolean).join(' '));
    // A fieldset (the radio groups) is a group, which aria-invalid does not apply to.
    if (control && !(control instanceof HTMLFieldSetElement)) control.setAttribute('aria-invalid', 'true');
  }
  // Above the page's heading, where the server puts it (GOV.UK: the top of the main content).
  showErrorSummary(errors, notices, (summary) => document.querySelector('[data-contact-heading]')?.before(summary));
}

function setUpSubmission(form: HTMLFormElement): void {
  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return; // one message per press, however many clicks
    sending = true;
    const fields = Object.fromEntries(
      [...new FormData(form)].map(([name, value]) => [name, typeof value === 'string' ? value : value.name]),
    );
    fetch(form.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(fields),
      credentials: 'same-origin',
    })
      .then(async (response) => {
        const answer = (await response.json()) as ContactAnswer;
        if (response.ok && answer.location) {
          window.location.assign(answer.location);
          return;
        }
        sending = false;
        const started = form.elements.namedItem('started');
        if (answer.started && started instanceof HTMLInputElement) started.value = answer.started;
        showErrors(form, answer.errors ?? [], answer.notices ?? []);
      })
      .catch(() => {
        // No answer we understand: let the browser send the form itself; the server handles it.
        form.submit();
      });
  });
}

const form = document.querySelector<HTMLFormElement>('form[data-contact-form]');
if (form) {
  setUpReveals(form);
  setUpCharacterCount(form);
  startErrorSummary();
  setUpSubmission(form);
}
