/**
 * `npm run outbox`: what the contact outbox holds, for whoever runs the server.
 *
 *   npm run outbox                      list pending and failed messages (reference, time, size, reason)
 *   npm run outbox -- retry AW-XXXX-XXXX move one failed message back to pending (the server resends it)
 *   npm run outbox -- retry --all        move every failed message back
 *
 * Reads OUTBOX_DIR like the server. Prints references, times, sizes and refusal codes: never who
 * wrote or what they wrote (open the .eml files for that; they are readable by their owner only).
 */
import { contactConfig } from '../src/lib/contact/config.ts';
import { Outbox, type OutboxEntry } from '../src/lib/contact/outbox.ts';
import { isReference } from '../src/lib/contact/reference.ts';

function line(entry: OutboxEntry, extra = ''): string {
  const when = entry.queuedAt.toISOString().replace('T', ' ').slice(0, 19);
  return `  ${entry.reference}  queued ${when} UTC  ${String(entry.size).padStart(6)} bytes${extra}`;
}

async function list(outbox: Outbox): Promise<void> {
  const [pending, failed] = await Promise.all([outbox.pending(), outbox.failed()]);
  console.log(`Outbox: ${outbox.dir}`);
  console.log(`\nPending (${pending.length})${pending.length ? '' : ': none'}`);
  for (const entry of pending) console.log(line(entry));
  const givenUp = failed.filter((entry) => entry.givenUp).length;
  const counts = givenUp
    ? `${failed.length}: ${failed.length - givenUp} refused, ${givenUp} given up`
    : `${failed.length}`;
  console.log(`\nFailed (${counts})${failed.length ? ', in failed/:' : ': none'}`);
  for (const entry of failed) {
    console.log(line(entry, `  ${entry.givenUp ? 'given up' : 'refused'}: ${entry.reason ?? 'reason not recorded'}`));
  }
  if (pending.length && !process.env.SMTP_URL) {
    console.log('\nSMTP_URL is not set here: the server keeps these as .eml files until it is configured.');
  }
}

async function main(args: string[]): Promise<number> {
  const outbox = new Outbox(contactConfig().outboxDir);
  const [command, target] = args;
  if (!command || command === 'list') {
    await list(outbox);
    return 0;
  }
  if (command === 'retry' && (target === '--all' || isReference(target))) {
    const moved = await outbox.retry(target === '--all' ? undefined : target);
    console.log(
      moved
        ? `Moved ${moved} message${moved === 1 ? '' : 's'} back to pending; the server sends ${moved === 1 ? 'it' : 'them'} on its next pass.`
        : `No failed message${target === '--all' ? 's' : ` with reference ${target}`}.`,
    );
    return moved || target === '--all' ? 0 : 1;
  }
  console.error('Usage: npm run outbox [-- list | retry <AW-XXXX-XXXX> | retry --all]');
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
