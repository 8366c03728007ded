CREATE TABLE "action_items" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"title" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"created_week" text NOT NULL,
	"done_week" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_notes" (
	"workspace_id" text NOT NULL,
	"week" text NOT NULL,
	"body" text NOT NULL,
	"author" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_notes_workspace_id_week_pk" PRIMARY KEY("workspace_id","week")
);
--> statement-breakpoint
CREATE TABLE "crm_lead_deal_links" (
	"workspace_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"lead_crm_id" text NOT NULL,
	"deal_crm_id" text NOT NULL,
	CONSTRAINT "crm_lead_deal_links_connection_id_lead_crm_id_deal_crm_id_pk" PRIMARY KEY("connection_id","lead_crm_id","deal_crm_id")
);
--> statement-breakpoint
ALTER TABLE "property_changes" ADD COLUMN "previous_value" text;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notes" ADD CONSTRAINT "review_notes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_lead_deal_links" ADD CONSTRAINT "crm_lead_deal_links_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_workspace_week_idx" ON "action_items" USING btree ("workspace_id","created_week");--> statement-breakpoint
CREATE INDEX "crm_lead_deal_links_deal_idx" ON "crm_lead_deal_links" USING btree ("connection_id","deal_crm_id");