CREATE TABLE "city_assessment_actions" (
	"assessment_id" uuid NOT NULL,
	"action_id" text NOT NULL,
	"rating" integer,
	"evidence" text,
	"link" text,
	"lead" text,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "city_assessment_actions_assessment_id_action_id_pk" PRIMARY KEY("assessment_id","action_id"),
	CONSTRAINT "city_assessment_actions_rating_check" CHECK (rating between 0 and 4)
);
--> statement-breakpoint
CREATE TABLE "city_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "city_team_members" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"workshop_id" uuid,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "city_team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "city_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"join_code" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "city_assessment_actions" ADD CONSTRAINT "city_assessment_actions_assessment_id_city_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."city_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_assessments" ADD CONSTRAINT "city_assessments_team_id_city_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."city_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_assessments" ADD CONSTRAINT "city_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_team_members" ADD CONSTRAINT "city_team_members_team_id_city_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."city_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_team_members" ADD CONSTRAINT "city_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_team_members" ADD CONSTRAINT "city_team_members_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_teams" ADD CONSTRAINT "city_teams_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_teams" ADD CONSTRAINT "city_teams_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "city_assessments_team_date_idx" ON "city_assessments" USING btree ("team_id","assessed_on");--> statement-breakpoint
CREATE INDEX "city_team_members_user_idx" ON "city_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "city_team_members_one_per_workshop_idx" ON "city_team_members" USING btree ("workshop_id","user_id") WHERE workshop_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "city_teams_join_code_idx" ON "city_teams" USING btree ("join_code");--> statement-breakpoint
CREATE INDEX "city_teams_workshop_idx" ON "city_teams" USING btree ("workshop_id");