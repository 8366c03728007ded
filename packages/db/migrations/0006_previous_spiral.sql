CREATE TABLE "facts_state" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"definitions_version" integer NOT NULL,
	"full_recompute_at" timestamp with time zone,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
