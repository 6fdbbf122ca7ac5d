ALTER TABLE "users" ADD COLUMN "first_signed_in_at" timestamp with time zone;--> statement-breakpoint
-- Accounts from before this column: their earliest live session or the time they chose a password, whichever came first.
UPDATE "users" SET "first_signed_in_at" = least((SELECT min("created_at") FROM "sessions" WHERE "sessions"."user_id" = "users"."id"), "password_set_at");
