/**
 * The alerts' per-process parts, made once by the production server (server/main.ts) and
 * handed to the routes in Astro's `locals` (App.Locals.alerts), as the contact services are:
 * the database, the subscriptions, a rate limiter, and the contact form's outbox, delivery
 * loop and form secret.
 */
import type { Log } from '../contact/log.ts';
import { prefixedLog } from '../contact/log.ts';
import type { FormServices } from '../forms/services.ts';
import { RateLimiter } from '../contact/rate-limit.ts';
import { alertsConfig, type AlertsConfig } from './config.ts';
import { openDatabase, type AlertsDatabase } from './database.ts';
import type { SubscribeDependencies } from './subscribe.ts';
import { Subscriptions } from './subscriptions.ts';

export interface AlertsServices extends SubscribeDependencies {
  readonly db: AlertsDatabase;
  close(): void;
}

export function alertsServices(
  /** The contact form's outbox, delivery nudge and fill-time signer: one of each per process. */
  shared: Pick<FormServices, 'outbox' | 'nudge' | 'fillTime'>,
  config: AlertsConfig = alertsConfig(),
  log: Log = prefixedLog('alerts'),
): AlertsServices {
  const db = openDatabase(config.dataDir);
  const subscriptions = new Subscriptions(db, config);
  return {
    config,
    db,
    subscriptions,
    limiter: new RateLimiter(config.contact.rateLimit, config.contact.rateWindowMs),
    fillTime: shared.fillTime,
    outbox: shared.outbox,
    nudge: shared.nudge,
    log,
    close: () => {
      db.close();
    },
  };
}
