/**
 * What the delivery loop (delivery.ts) does after an attempt failed, and when it tries again:
 * the backoff, the holds that stop every message (the relay down, the outbox unwritable), and the
 * fate of one message — moved to `failed/` when the relay refused it for good or kept deferring
 * it past `OUTBOX_GIVE_UP_AFTER_MS`, else retried later. See docs/decisions/0007-contact-outbox.md.
 */
import { classifyFailure } from './mailer.ts';

/** "250 ms", "30 s", "4 min", "5 h": for log lines. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** Delay before retry number `failures` (1, 2, …): doubling from `min`, capped at `max`. */
export function backoffDelay(failures: number, min: number, max: number): number {
  return Math.min(max, min * 2 ** Math.max(0, Math.min(failures - 1, 40)));
}

/** A condition that holds delivery back until a time: the relay down, the outbox unwritable. */
export interface Hold {
  failures: number;
  until: number;
}

export const released = (): Hold => ({ failures: 0, until: 0 });

/** Holds delivery back after another failure of the same kind; returns the delay. */
export function extendHold(hold: Hold, rules: Pick<RetryRules, 'retryMinMs' | 'retryMaxMs'>, now: number): number {
  hold.failures++;
  const delay = backoffDelay(hold.failures, rules.retryMinMs, rules.retryMaxMs);
  hold.until = now + delay;
  return delay;
}

export interface RetryRules {
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  /** A message the relay keeps deferring (4xx) is given up this long after it was queued. */
  readonly giveUpAfterMs: number;
}

export type FailureAction =
  /** Into failed/ with this reason (codes only); `npm run outbox -- retry` puts it back. */
  | { readonly kind: 'fail'; readonly reason: string; readonly givenUp: boolean }
  /** The relay could not be reached: every message would fail the same way, so wait. */
  | { readonly kind: 'relay down'; readonly summary: string }
  /** Deferred: this message again after `delayMs`, the others go on. */
  | { readonly kind: 'retry'; readonly failures: number; readonly delayMs: number; readonly summary: string };

/**
 * What to do with a message whose delivery failed with `error`, after `failures` earlier
 * deferrals, queued at `queuedAt` (from its file name).
 */
export function afterFailure(
  error: unknown,
  message: { readonly queuedAt: Date; readonly failures: number },
  now: number,
  rules: RetryRules,
): FailureAction {
  const failure = classifyFailure(error);
  if (failure.permanent) return { kind: 'fail', reason: failure.summary, givenUp: false };
  const hasReply = typeof (error as { responseCode?: unknown } | null)?.responseCode === 'number';
  if (!hasReply) return { kind: 'relay down', summary: failure.summary };
  const age = now - message.queuedAt.getTime();
  if (age >= rules.giveUpAfterMs) {
    return {
      kind: 'fail',
      reason: `deferred for ${duration(age)}, given up (${failure.summary})`,
      givenUp: true,
    };
  }
  const failures = message.failures + 1;
  return {
    kind: 'retry',
    failures,
    delayMs: backoffDelay(failures, rules.retryMinMs, rules.retryMaxMs),
    summary: failure.summary,
  };
}
