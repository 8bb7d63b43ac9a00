/**
 * The production server: one Node process serving one build. Compiled at build time into
 * `<outDir>/server/main.mjs` (src/integrations/production-server.ts) beside the Astro adapter's
 * handler, and run with plain `node` (`npm run serve`). See docs/decisions/0008-server-stack.md.
 *
 * It owns the process's contact services: the delivery loop starts here, before the first
 * request, so messages waiting from before a restart are sent without waiting for a visitor;
 * the endpoint reaches the same loop through `locals` (docs/decisions/0007-contact-outbox.md).
 *
 * HOST and PORT say where it listens; the contact form's settings (SMTP_URL, SUPPORT_EMAIL,
 * OUTBOX_DIR, …) and the alerts' (DATA_DIR, …) are in the README.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { oneClickPath, oneClickUnsubscribe } from '../src/lib/alerts/one-click.ts';
import { alertsServices } from '../src/lib/alerts/services.ts';
import { OutboxLockedError } from '../src/lib/contact/outbox-lock.ts';
import { contactServices } from '../src/lib/contact/services.ts';
import { siteHandler, type AstroHandler } from './pipeline.ts';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);
const trustProxy = process.env.TRUST_PROXY === 'true';

// Beside this file once compiled: the adapter's entry (middleware mode) and the build's files.
const entryUrl = new URL('./entry.mjs', import.meta.url);
const clientDir = fileURLToPath(new URL('../client/', import.meta.url));
const { handler } = (await import(entryUrl.href)) as { handler: AstroHandler };

const contact = contactServices();
try {
  await contact.delivery.start();
} catch (error) {
  // Another server delivers from this outbox: two would send messages twice.
  if (!(error instanceof OutboxLockedError)) throw error;
  console.error(`AllWork Policies cannot start: ${error.message}`);
  process.exit(1);
}

// Change alerts: the subscriber database in DATA_DIR, mail through the same outbox and loop.
const alerts = alertsServices(contact.submit);
const { confirmed, unconfirmed } = alerts.subscriptions.counts();
alerts.log.info(`${confirmed} confirmed subscribers, ${unconfirmed} not confirmed (${alerts.config.dataDir})`);

const server = http.createServer(
  siteHandler({
    clientDir,
    astro: handler,
    locals: () => ({ contact, alerts }),
    trustProxy,
    health: () => ({ ...contact.delivery.health(), counts: alerts.subscriptions.counts() }),
    serverRoutes: { [oneClickPath]: oneClickUnsubscribe(() => alerts.subscriptions) },
  }),
);

server.listen(port, host, () => {
  // The real port: PORT=0 asks the system for a free one (the integration tests do).
  const address = server.address();
  const listening = typeof address === 'object' && address ? address.port : port;
  console.log(`AllWork Policies listening on http://${host}:${listening}/`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => {
      void contact.delivery.stop().finally(() => {
        alerts.close();
        process.exit(0);
      });
    });
    // Keep-alive connections would hold close() open; end them.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
