// Progress events sent from a page (lesson end reached, video watched, position): the server's own event type.
import type { ProgressEventInput } from '../../../../server/modules/progress/progress.schemas.ts';

export type { ProgressEventInput };

/** Whether this browser can make events (ids made on the device make a resend harmless). */
export const canSendProgress = () => !!window.fetch && !!window.crypto && !!crypto.randomUUID;

/** POSTs a batch; `keepalive` lets the request outlive the page (sendBeacon cannot send JSON with the cookie reliably). */
export function postProgressEvents(events: ProgressEventInput[], keepalive: boolean): Promise<Response> {
  return fetch('/api/progress/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
    keepalive,
    credentials: 'same-origin',
  });
}
