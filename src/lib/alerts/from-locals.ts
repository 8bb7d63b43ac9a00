/**
 * The alerts services of a request: from the production server, which passes them in
 * `locals` (one database connection per process). Only `astro dev` has no such server: there
 * the routes make their own, once, sharing the contact services `astro dev` makes.
 */
import { servicesFrom } from '../contact/locals-services.ts';
import { alertsServices, type AlertsServices } from './services.ts';

let devServices: AlertsServices | undefined;

export function alertsOf(locals: App.Locals): AlertsServices {
  if (locals.alerts) return locals.alerts;
  const { submit } = servicesFrom(locals); // throws outside `astro dev`
  devServices ??= alertsServices(submit);
  return devServices;
}
