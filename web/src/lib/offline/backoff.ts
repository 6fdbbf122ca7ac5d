// How long to wait before trying a request again: the service worker's outbox and the quiz page's autosave use it.

export type BackoffPolicy = { firstMs: number; maxMs: number; jitter: number };

/** The outbox: 2 s, 4 s, 8 s … up to 5 minutes, with ±20 % jitter (many devices coming back online at once). */
export const OUTBOX_BACKOFF: BackoffPolicy = { firstMs: 2_000, maxMs: 5 * 60_000, jitter: 0.2 };
/** Quiz answers kept on the device while the page is open: 3 s, 6 s … up to a minute. */
export const AUTOSAVE_BACKOFF: BackoffPolicy = { firstMs: 3_000, maxMs: 60_000, jitter: 0 };

/** Wait before the next try after `attempts` failed ones: the first wait, doubled each time up to the maximum, ± jitter. */
export function backoffMs(
  attempts: number,
  random: () => number = Math.random,
  policy: BackoffPolicy = OUTBOX_BACKOFF,
): number {
  const base = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, attempts - 1));
  return policy.jitter ? Math.round(base * (1 - policy.jitter + 2 * policy.jitter * random())) : base;
}
