CREATE TABLE "city_plan_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"section_id" text NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "city_plan_fields" (
	"team_id" uuid NOT NULL,
	"section_id" text NOT NULL,
	"field_id" text NOT NULL,
	"value" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "city_plan_fields_team_id_section_id_field_id_pk" PRIMARY KEY("team_id","section_id","field_id")
);
--> statement-breakpoint
CREATE TABLE "city_plan_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "city_plan_comments" ADD CONSTRAINT "city_plan_comments_team_id_city_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."city_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_plan_comments" ADD CONSTRAINT "city_plan_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_plan_fields" ADD CONSTRAINT "city_plan_fields_team_id_city_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."city_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_plan_fields" ADD CONSTRAINT "city_plan_fields_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_plan_shares" ADD CONSTRAINT "city_plan_shares_team_id_city_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."city_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_plan_shares" ADD CONSTRAINT "city_plan_shares_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "city_plan_comments_team_idx" ON "city_plan_comments" USING btree ("team_id","section_id");--> statement-breakpoint
CREATE UNIQUE INDEX "city_plan_shares_token_idx" ON "city_plan_shares" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "city_plan_shares_team_idx" ON "city_plan_shares" USING btree ("team_id");