// Changes made without a connection wait here and are sent when it returns, oldest first. Resending is
// safe: progress events carry ids made on the device, and a quiz attempt is graded once.
import { backoffMs } from './backoff.ts';
import { db, type OutboxItem } from './store.ts';

export const EVENTS_URL = '/api/progress/events';
/** The server takes up to 500 events per request. */
const MAX_EVENTS = 500;

export async function enqueue(
  item: Omit<OutboxItem, 'id' | 'createdAt' | 'attempts' | 'nextAttemptAt'>,
): Promise<void> {
  await (
    await db()
  ).put('outbox', { ...item, id: crypto.randomUUID(), createdAt: Date.now(), attempts: 0, nextAttemptAt: 0 });
}

export async function pending(userId: string): Promise<OutboxItem[]> {
  const items = await (await db()).getAllFromIndex('outbox', 'byUser', userId);
  return items.sort((a, b) => a.createdAt - b.createdAt);
}

export type FlushResult = { sent: number; remaining: number; nextAttemptAt: number | null; needsSignIn: boolean };

type Outcome = 'sent' | 'drop' | 'retry' | 'signin';

async function sendEvents(items: OutboxItem[]): Promise<Outcome> {
  const events = items.flatMap((i) => (JSON.parse(i.body) as { events: unknown[] }).events);
  const res = await fetch(EVENTS_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
    credentials: 'same-origin',
  });
  if (res.ok) return 'sent';
  if (res.status === 401 || res.status === 403) return 'signin';
  return res.status === 429 || res.status >= 500 ? 'retry' : 'drop';
}

/** A form post sent again to its page's action, asking for SvelteKit's JSON answer instead of a redirect. */
async function sendForm(item: OutboxItem): Promise<Outcome> {
  const res = await fetch(item.url, {
    method: 'POST',
    body: item.body,
    credentials: 'same-origin',
    headers: { 'content-type': item.contentType, 'x-sveltekit-action': 'true', accept: 'application/json' },
  });
  if (res.status === 429 || res.status >= 500) return 'retry';
  const answer = (await res.json().catch(() => null)) as { type?: string; location?: string; status?: number } | null;
  if (answer?.type === 'redirect') return answer.location?.startsWith('/signin') ? 'signin' : 'sent';
  if (answer?.type === 'success') return 'sent';
  if (answer?.type === 'error' && (answer.status ?? 500) >= 500) return 'retry';
  return 'drop'; // refused for good (e.g. the attempt no longer exists): sending again would not help
}

function batches(items: OutboxItem[]): OutboxItem[][] {
  const out: OutboxItem[][] = [];
  let current: OutboxItem[] = [];
  let count = 0;
  for (const item of items) {
    const n = (JSON.parse(item.body) as { events: unknown[] }).events.length;
    if (current.length && count + n > MAX_EVENTS) {
      out.push(current);
      current = [];
      count = 0;
    }
    current.push(item);
    count += n;
  }
  if (current.length) out.push(current);
  return out;
}

/** Sends what is due (everything when `force`, e.g. the connection just came back). */
export async function flush(userId: string, force = false): Promise<FlushResult> {
  if (!userId) return { sent: 0, remaining: 0, nextAttemptAt: null, needsSignIn: false };
  const store = await db();
  const now = Date.now();
  const due = (await pending(userId)).filter((i) => force || i.nextAttemptAt <= now);
  let sent = 0;
  let needsSignIn = false;
  const work: OutboxItem[][] = [
    ...batches(due.filter((i) => i.kind === 'events')),
    ...due.filter((i) => i.kind === 'form').map((i) => [i]),
  ];
  for (const group of work) {
    let outcome: Outcome;
    let lastError: string | undefined;
    try {
      outcome = group[0].kind === 'events' ? await sendEvents(group) : await sendForm(group[0]);
    } catch (error) {
      outcome = 'retry'; // no connection
      lastError = String(error);
    }
    if (outcome === 'sent' || outcome === 'drop') {
      for (const i of group) await store.delete('outbox', i.id);
      if (outcome === 'sent') sent += group.length;
    } else if (outcome === 'signin') {
      needsSignIn = true;
    } else {
      // A forced send (the connection just came back) starts the backoff again: the link may take a moment.
      const attempts = force ? 1 : group[0].attempts + 1;
      for (const i of group)
        await store.put('outbox', { ...i, attempts, lastError, nextAttemptAt: Date.now() + backoffMs(attempts) });
      break; // the connection is down or the server busy: stop for now
    }
  }
  const left = await pending(userId);
  const next = left.length ? Math.min(...left.map((i) => i.nextAttemptAt)) : null;
  return { sent, remaining: left.length, nextAttemptAt: next, needsSignIn };
}
