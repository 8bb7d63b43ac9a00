declare namespace App {
  interface Locals {
    /** Set by `POST /api/subscribe` when the form must be shown again (errors, values kept). */
    subscribeForm?: import('./form.ts').SubscribeFormState;
    /** The process's alerts services, passed in by server/main.ts; absent under `astro dev`. */
    alerts?: import('./services.ts').AlertsServices;
  }
}
