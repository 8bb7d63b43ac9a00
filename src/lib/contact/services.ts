/**
 * The contact form's per-process parts, made once: the outbox, the rate limiter, the fill-time
 * signer and the delivery loop. The production server (server/main.ts) makes them at start and hands them to the endpoint
 * in Astro's `locals` (App.Locals.contact), so there is exactly one loop per process and no module
 * state shared between the server's bundle and Astro's.
 */
import { FillTime, loadFormSecret } from '../forms/fill-time.ts';
import { contactConfig, type ContactConfig } from './config.ts';
import { DeliveryLoop } from './delivery.ts';
import { consoleLog, type Log } from './log.ts';
import { smtpRelay } from './mailer.ts';
import { Outbox } from './outbox.ts';
import { RateLimiter } from './rate-limit.ts';
import type { SubmitDependencies } from './submit.ts';

export interface ContactServices {
  /** What `POST /api/contact` needs. */
  readonly submit: SubmitDependencies;
  readonly delivery: DeliveryLoop;
}

/** Builds the services; the loop is not started (call `delivery.start()`). */
export function contactServices(config: ContactConfig = contactConfig(), log: Log = consoleLog): ContactServices {
  const outbox = new Outbox(config.outboxDir);
  const delivery = new DeliveryLoop({
    outbox,
    relay: config.smtpUrl ? smtpRelay(config) : null,
    retryMinMs: config.retryMinMs,
    retryMaxMs: config.retryMaxMs,
    rescanMs: config.rescanMs,
    giveUpAfterMs: config.giveUpAfterMs,
    log,
  });
  const submit: SubmitDependencies = {
    config,
    fillTime: new FillTime(loadFormSecret(), { minFillMs: config.minFillMs, maxAgeMs: config.maxFillMs }),
    limiter: new RateLimiter(config.rateLimit, config.rateWindowMs),
    outbox,
    nudge: () => {
      delivery.nudge();
    },
    log,
  };
  return { submit, delivery };
}
