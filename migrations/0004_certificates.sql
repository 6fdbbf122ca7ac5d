CREATE TABLE "certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" text NOT NULL,
	"name" text NOT NULL,
	"locale" text NOT NULL,
	"course_title" text NOT NULL,
	"status_index" serial NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"credential" jsonb,
	"verify_url" text,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"superseded_by" text
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_status_index_idx" ON "certificates" USING btree ("status_index");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_active_idx" ON "certificates" USING btree ("user_id","course_id") WHERE "certificates"."revoked_at" is null;