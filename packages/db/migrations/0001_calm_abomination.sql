CREATE TABLE "review_week_cache" (
	"workspace_id" text NOT NULL,
	"week" text NOT NULL,
	"definitions_version" integer NOT NULL,
	"week_end" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone NOT NULL,
	"has_unassigned" boolean NOT NULL,
	"rows" json NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_week_cache_workspace_id_week_definitions_version_pk" PRIMARY KEY("workspace_id","week","definitions_version")
);
--> statement-breakpoint
ALTER TABLE "facts_state" ADD COLUMN "generation" integer DEFAULT 0 NOT NULL;