declare namespace App {
  interface Locals {
    /**
     * Set by `POST /api/contact` when the form must be shown again (errors or a notice, with the
     * values kept); the contact page renders it instead of a fresh form.
     */
    contactForm?: import('./form.ts').ContactFormState;
    /**
     * The process's contact services (outbox, rate limit, delivery loop), passed in by the
     * production server (server/main.ts) with every request; absent under `astro dev`.
     */
    contact?: import('./services.ts').ContactServices;
  }
}
