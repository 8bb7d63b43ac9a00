/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, no TLS, no auth) that keeps every
 * message it accepts, parsed with mailparser. It can hold senders at MAIL FROM (to stop a
 * delivery half-way) and refuse messages whose text contains a marker, with a chosen code.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMessage {
  readonly envelopeTo: string[];
  readonly mail: ParsedMail;
  readonly raw: string;
}

export interface SinkOptions {
  /** Listen here (to come back on the port a server is configured with); 0 picks a free one. */
  port?: number;
  /** Refuse a message when this returns a reply code (e.g. 550 permanent, 451 transient). */
  refuse?: (raw: string) => number | null;
  /** Keep messages unparsed, in `raw` only (the benchmark: no parsing while it measures). */
  parse?: boolean;
}

export class SmtpSink {
  readonly received: ReceivedMessage[] = [];
  /** Every accepted message as sent, when not parsing. */
  readonly raw: string[] = [];
  /** How many MAIL FROM commands arrived (a delivery attempt started). */
  mailFromCount = 0;
  readonly #server: SMTPServer;
  #gate: Promise<void> | null = null;
  #open: (() => void) | null = null;

  private constructor(options: SinkOptions) {
    this.#server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 100,
      onMailFrom: (_address, _session, callback) => {
        this.mailFromCount++;
        const gate = this.#gate;
        if (gate) {
          void gate.then(() => {
            callback();
          });
        } else callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
        });
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const code = options.refuse?.(raw) ?? null;
          if (code !== null) {
            callback(Object.assign(new Error(`refused with ${code}`), { responseCode: code }));
            return;
          }
          if (options.parse === false) {
            this.raw.push(raw);
            callback();
            return;
          }
          simpleParser(raw)
            .then((mail) => {
              this.received.push({
                envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
                mail,
                raw,
              });
              callback();
            })
            .catch((error: unknown) => {
              callback(error instanceof Error ? error : new Error(String(error)));
            });
        });
      },
    });
  }

  static async start(options: SinkOptions = {}): Promise<SmtpSink> {
    const sink = new SmtpSink(options);
    await new Promise<void>((resolve, reject) => {
      sink.#server.once('error', reject);
      sink.#server.listen(options.port ?? 0, '127.0.0.1', () => {
        resolve();
      });
    });
    return sink;
  }

  get port(): number {
    return (this.#server.server.address() as AddressInfo).port;
  }

  /** The SMTP_URL for this sink (plain SMTP, never upgraded to TLS). */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}/?ignoreTLS=true`;
  }

  /** From now on, senders wait at MAIL FROM until `release()`. */
  hold(): void {
    this.#gate ??= new Promise((resolve) => (this.#open = resolve));
  }

  release(): void {
    this.#open?.();
    this.#gate = null;
    this.#open = null;
  }

  /** Messages whose X-AllWork-Reference header is `reference`. */
  withReference(reference: string): ReceivedMessage[] {
    return this.received.filter((message) => message.mail.headers.get('x-allwork-reference') === reference);
  }

  async close(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
  }
}

/** Polls `check` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
