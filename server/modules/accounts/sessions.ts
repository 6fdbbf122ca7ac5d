// The session store the auth guard uses (server/http stays free of domain code): one row per signed-in device.
import type { Db } from '../../db/client.ts';
import type { SessionStore } from '../../http/auth.ts';
import * as repo from './accounts.repository.ts';

export function sessionStore(db: Db): SessionStore {
  return {
    start: (userId, expiresAt) => repo.insertSession(db, userId, expiresAt),
    resolve: async (userId, sessionId) => (await repo.findSessionUser(db, userId, sessionId)) ?? null,
    end: (sessionId) => repo.deleteSession(db, sessionId),
  };
}
