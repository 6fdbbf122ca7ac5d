// Who may manage uploaded videos. Deny unless a rule grants.
// Admins upload, list, read, delete and caption uploaded videos; nobody else does. What learners get of an upload is
// public and guarded by no rule: the ready videos of a tutorial (its media, served under /media/) and the captions
// and transcripts of an upload (learners play the video signed in or not).
import type { Actor } from '../../../http/auth.ts';
import { Forbidden, Unauthorized } from '../../../http/errors.ts';

export type UploadAction = 'upload.manage'; // upload a video, list, read, delete, attach captions

export function allows(actor: Actor | null, action: UploadAction): boolean {
  if (!actor) return false;
  switch (action) {
    case 'upload.manage':
      return actor.role === 'admin';
  }
}

/**
 * Checks the action; every upload service method for admins starts here. The answer is the route guard's, which
 * refuses the same people first (an upload route checks before it reads a byte of the file).
 */
export function requireUploadAccess(actor: Actor | null, action: UploadAction): asserts actor is Actor {
  if (allows(actor, action)) return;
  throw actor ? Forbidden() : Unauthorized();
}
