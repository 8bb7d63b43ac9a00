/**
 * The process's contact services as the contact routes reach them (the form's page, which signs
 * the fill time, and POST /api/contact): from the production server, which passes them in
 * `locals` with every request (one delivery loop and one form secret per process, made at start).
 * Only `astro dev` has no such server: there the first request makes and starts its own, once.
 */
import { contactServices, type ContactServices } from './services.ts';

let devServices: ContactServices | undefined;

export function servicesFrom(locals: App.Locals): ContactServices {
  if (locals.contact) return locals.contact;
  if (!import.meta.env.DEV) {
    throw new Error('the contact routes are served by server/main.ts, which passes the contact services in locals');
  }
  if (!devServices) {
    devServices = contactServices();
    void devServices.delivery.start();
  }
  return devServices;
}
