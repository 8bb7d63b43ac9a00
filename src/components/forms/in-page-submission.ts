/**
 * A form sent with fetch and JSON, its answer shown in the page: the contact form and the alerts
 * form (each works without it). Errors appear in the same markup and with the same messages as
 * the server renders without JavaScript (the server writes them in both cases): each field's
 * message from the page's `<template id="field-error-message">`, before the field's
 * `[data-error-before]`; `aria-describedby` and `aria-invalid` as the server sets them; the error
 * summary (components/error-summary) above `[data-form-heading]`, focused, its links focusing the
 * fields. If the request cannot be made, the form falls back to a plain submission.
 *
 * The markup it relies on, per field: a group `[data-field][data-error-id]`, its control with
 * `data-describedby-base` (the hint ids), and `[data-error-before]`.
 */
import type { ErrorLink } from '../../lib/forms/field-error.ts';
import { removeErrorSummary, showErrorSummary } from '../error-summary/error-summary.ts';

interface Answer {
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

function errorMessage(): Element | null {
  const template = document.getElementById('field-error-message');
  return template instanceof HTMLTemplateElement
    ? (template.content.firstElementChild?.cloneNode(true) as Element)
    : null;
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
    const message = errorMessage();
    if (message) {
      message.id = errorId;
      message.append(error.message);
      ownElement(group, '[data-error-before]')?.before(message);
    }
    group.classList.add('form-group--error');
    const control = ownElement(group, '[data-describedby-base]');
    const base = control?.dataset.describedbyBase ?? '';
    control?.setAttribute('aria-describedby', [base, errorId].filter(Boolean).join(' '));
    // A fieldset (a group of radios or checkboxes) is a group, which aria-invalid does not apply to.
    if (control && !(control instanceof HTMLFieldSetElement)) control.setAttribute('aria-invalid', 'true');
  }
  // Above the page's heading, where the server puts it (GOV.UK: the top of the main content).
  showErrorSummary(errors, notices, (summary) => document.querySelector('[data-form-heading]')?.before(summary));
}

/** Sends `form` in the page: one request per press, however many clicks. */
export function submitInPage(form: HTMLFormElement): void {
  let sending = false;
  // Back to a page the browser kept (back/forward cache) after a send: the form works again.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) sending = false;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
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
        const answer = (await response.json()) as Answer;
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
