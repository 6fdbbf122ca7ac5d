// The page side of the service worker's message channel: /offline.js sets window.lcaOffline; /downloads.js uses it.
import type { OfflineReply, OfflineRequest } from '../../lib/offline/messages.ts';

export type { OfflineReply, OfflineRequest };
export type AskOffline = (message: OfflineRequest, onReply?: (reply: OfflineReply) => void) => Promise<void>;

declare global {
  interface Window {
    lcaOffline?: { ask: AskOffline };
  }
}
