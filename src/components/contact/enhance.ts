/**
 * Progressive enhancement of the contact form (the form works without any of this):
 * - follow-up questions show only under the chosen answer (GOV.UK conditional reveal);
 * - a live character count, announced politely once typing pauses (WCAG 4.1.3);
 * - submission with fetch and JSON, its errors in the page (components/forms/in-page-submission.ts,
 *   shared with the alerts form); the error summary's links focus the fields.
 */
import { startErrorSummary } from '../error-summary/error-summary.ts';
import { submitInPage } from '../forms/in-page-submission.ts';

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

const form = document.querySelector<HTMLFormElement>('form[data-contact-form]');
if (form) {
  setUpReveals(form);
  setUpCharacterCount(form);
  startErrorSummary();
  submitInPage(form);
}
