// What pages ask the service worker over a MessageChannel, and what it answers (web/src/client/offline.ts asks).
import type { FlushResult } from './outbox.ts';
import type { DownloadRecord } from './store.ts';

export type OfflineRequest =
  | { type: 'hello'; userId: string; send?: boolean }
  | { type: 'flush'; force?: boolean }
  | { type: 'download'; moduleId: string; locale: string; media: DownloadRecord['media'] }
  | { type: 'downloads' }
  | { type: 'remove'; moduleId: string };

/** What waits in the device's outbox; after a send, also what the send did. */
export type OutboxStatus = {
  type: 'status';
  pending: number;
  quizzes: number;
  nextAttemptAt: number | null;
} & Partial<FlushResult>;

export type OfflineReply =
  | OutboxStatus
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; record: DownloadRecord }
  | { type: 'downloads'; downloads: DownloadRecord[] }
  | { type: 'removed'; moduleId: string }
  | { type: 'error'; message: string };
