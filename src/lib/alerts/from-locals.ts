/**
 * The alerts services of a request: from the production server, which passes them in
 * `locals` (one database connection per process). Only `astro dev` has no such server: there
 * the routes make their own, once, with the contact form's outbox and no delivery nudge.
 */
import { contactConfig } from '../contact/config.ts';
import { Outbox } from '../contact/outbox.ts';
import { alertsServices, type AlertsServices } from './services.ts';

let devServices: AlertsServices | undefined;

export function alertsOf(locals: App.Locals, dev: boolean): AlertsServices {
  if (locals.alerts) return locals.alerts;
  if (!dev)
    throw new Error('the alerts routes are served by server/main.ts, which passes the alerts services in locals');
  devServices ??= alertsServices({ outbox: new Outbox(contactConfig().outboxDir), nudge: () => undefined });
  return devServices;
}
