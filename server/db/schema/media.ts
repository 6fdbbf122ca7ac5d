// Uploaded videos: an admin's own video for a tutorial, transcoded by the job queue into the same ladder
import { bigint, index, integer, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const mediaUploads = pgTable(
  'media_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The storyboard tutorial this video belongs to (modules.tutorial_id). */
    tutorialId: text('tutorial_id').notNull(),
    /** Language spoken in the video. */
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    /** 'replace': learners get this instead of the rendered tutorial; 'beside': offered as another version. */
    placement: text('placement').$type<'replace' | 'beside'>().notNull().default('beside'),
    status: text('status').$type<'processing' | 'ready' | 'failed'>().notNull().default('processing'),
    originalName: text('original_name').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    durationSeconds: real('duration_seconds'),
    width: integer('width'),
    height: integer('height'),
    /** The finished output folder under DATA_DIR/media/uploads/<id>/, once ready. */
    outputDir: text('output_dir'),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('media_uploads_tutorial_idx').on(t.tutorialId)],
);
export type MediaUploadRow = typeof mediaUploads.$inferSelect;

/** Captions attached to an uploaded video: validated and stored as WebVTT, one per locale. */
export const mediaCaptions = pgTable(
  'media_captions',
  {
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => mediaUploads.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    vtt: text('vtt').notNull(),
    cueCount: integer('cue_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.locale] })],
);
