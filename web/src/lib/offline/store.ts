// The device's own records, in IndexedDB: changes waiting to be sent, downloaded modules, and who is signed in.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type OutboxItem = {
  id: string;
  /** Whose change this is: sent only while that person is signed in on this device. */
  userId: string;
  kind: 'events' | 'form';
  /** What the person did, for the banner and the downloads page. */
  label: 'progress' | 'lesson' | 'quiz';
  url: string;
  body: string;
  contentType: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Why the last try failed, for whoever looks into the device's storage. */
  lastError?: string;
};

export type DownloadRecord = {
  moduleId: string;
  userId: string;
  title: string;
  locale: string;
  /** Bytes actually stored. */
  bytes: number;
  media: 'video' | 'audio' | 'none';
  urls: string[];
  firstPage: string;
  savedAt: number;
};

interface OfflineDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { byUser: string } };
  downloads: { key: string; value: DownloadRecord };
  meta: { key: string; value: string };
}

let opened: Promise<IDBPDatabase<OfflineDb>> | undefined;
export function db(): Promise<IDBPDatabase<OfflineDb>> {
  opened ??= openDB<OfflineDb>('lca-offline', 1, {
    upgrade(d) {
      d.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byUser', 'userId');
      d.createObjectStore('downloads', { keyPath: 'moduleId' });
      d.createObjectStore('meta');
    },
  });
  return opened;
}

export const currentUser = async () => (await (await db()).get('meta', 'user')) ?? '';
export async function setCurrentUser(userId: string) {
  await (await db()).put('meta', userId, 'user');
}
