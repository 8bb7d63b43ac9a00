declare namespace App {
  interface Locals {
    /**
     * Set by `POST /api/contact` when the form must be shown again (errors or a notice, with the
     * values kept); the contact page renders it instead of a fresh form.
     */
    contactForm?: import('./form.ts').ContactFormState;
  }
}
