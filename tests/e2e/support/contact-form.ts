/** Filling in and sending the contact form in the browser, as a person would. */
import type { Page } from '@playwright/test';
import { fieldId, optionId, type ChoiceField } from '../../../src/lib/contact/form.ts';
import type { FieldName } from '../../../src/lib/contact/schema.ts';
import type { Fill } from '../../fixtures/contact/form-states.ts';

export const radioFields = new Set<FieldName>(['topic', 'document', 'format', 'request', 'agent']);

/** Fills the form as a person would, in page order (so follow-up questions are revealed first). */
export async function fill(page: Page, values: Fill): Promise<void> {
  for (const [field, value] of Object.entries(values) as [FieldName, string][]) {
    if (radioFields.has(field)) await page.locator(`#${optionId(field as ChoiceField, value)}`).check();
    else await page.locator(`#${fieldId(field)}`).fill(value);
  }
}

export async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send message' }).click();
}
