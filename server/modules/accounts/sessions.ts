// The session store the auth guard uses (server/http stays free of domain code): one row per signed-in device.
import type { Db } from '../../db/client.ts';
import type { Actor, SessionStore } from '../../http/auth.ts';
import * as repo from './accounts.repository.ts';
import { toUser } from './accounts.service.ts';
import { rememberSessionProfile } from './session-profiles.ts';

export function sessionStore(db: Db): SessionStore {
  return {
    start: (userId, expiresAt) => repo.insertSession(db, userId, expiresAt),
    resolve: async (userId, sessionId) => {
      const row = await repo.findSessionUser(db, userId, sessionId);
      if (!row) return null;
      const actor: Actor = { id: row.id, role: row.role, locale: row.locale };
      rememberSessionProfile(actor, toUser(row));
      return actor;
    },
    end: (sessionId) => repo.deleteSession(db, sessionId),
  };
}
