/** What the error summary shows (ErrorSummary.astro), and the shape of its examples. */
import type { ErrorLink } from '../../lib/forms/field-error.ts';

/** A summary line needs only its link and its words; which field it is does not show. */
export type SummaryLink = Pick<ErrorLink, 'href' | 'message'>;

export interface ErrorSummaryProps {
  /** Problems with fields, in page order, each linking to its control. */
  readonly errors?: readonly SummaryLink[];
  /** Problems that belong to no field (too many messages, service unavailable), listed without a link. */
  readonly notices?: readonly string[];
  /**
   * Render the empty summary inside a `<template>` instead, for the page's script to fill in
   * (error-summary.ts): the errors a script finds look exactly like those the server renders.
   */
  readonly template?: boolean;
}
