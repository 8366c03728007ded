CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"crm" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials" jsonb NOT NULL,
	"status" text DEFAULT 'ok' NOT NULL,
	"status_detail" text,
	"sync_every_minutes" integer DEFAULT 15 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"crm_id" text NOT NULL,
	"lead_id" uuid,
	"kind" text NOT NULL,
	"direction" text,
	"automated" boolean DEFAULT false NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"owner_crm_id" text,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"crm" text NOT NULL,
	"crm_id" text NOT NULL,
	"name" text,
	"pipeline_id" text,
	"owner_crm_id" text,
	"service_line_raw" text,
	"source_raw" text,
	"created_at_crm" timestamp with time zone NOT NULL,
	"modified_at_crm" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"merged_into_crm_id" text,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_deals" (
	"workspace_id" text NOT NULL,
	"lead_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	CONSTRAINT "lead_deals_lead_id_deal_id_pk" PRIMARY KEY("lead_id","deal_id")
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"crm" text NOT NULL,
	"crm_id" text NOT NULL,
	"name" text,
	"email" text,
	"owner_crm_id" text,
	"service_line_raw" text,
	"source_raw" text,
	"tier" text,
	"created_at_crm" timestamp with time zone NOT NULL,
	"modified_at_crm" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"merged_into_crm_id" text,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owners" (
	"workspace_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"crm_id" text NOT NULL,
	"name" text,
	"email" text,
	"team" text,
	CONSTRAINT "owners_connection_id_crm_id_pk" PRIMARY KEY("connection_id","crm_id")
);
--> statement-breakpoint
CREATE TABLE "pipeline_stages" (
	"workspace_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"pipeline_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"label" text NOT NULL,
	"probability" double precision,
	"is_closed" boolean DEFAULT false NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "pipeline_stages_connection_id_pipeline_id_stage_id_pk" PRIMARY KEY("connection_id","pipeline_id","stage_id")
);
--> statement-breakpoint
CREATE TABLE "property_changes" (
	"workspace_id" text NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"property" text NOT NULL,
	"value" text,
	"changed_at" timestamp with time zone NOT NULL,
	"provenance" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"fiscal_year_start_month" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_deals" ADD CONSTRAINT "lead_deals_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_deals" ADD CONSTRAINT "lead_deals_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owners" ADD CONSTRAINT "owners_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stages" ADD CONSTRAINT "pipeline_stages_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connections_workspace_idx" ON "connections" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_connection_crm_id" ON "activities" USING btree ("connection_id","crm_id");--> statement-breakpoint
CREATE INDEX "activities_lead_idx" ON "activities" USING btree ("lead_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_connection_crm_id" ON "deals" USING btree ("connection_id","crm_id");--> statement-breakpoint
CREATE INDEX "deals_workspace_idx" ON "deals" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "lead_deals_deal_idx" ON "lead_deals" USING btree ("deal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_connection_crm_id" ON "leads" USING btree ("connection_id","crm_id");--> statement-breakpoint
CREATE INDEX "leads_workspace_idx" ON "leads" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "property_changes_identity" ON "property_changes" USING btree ("entity_id","property","changed_at",coalesce("value", ''));--> statement-breakpoint
CREATE INDEX "property_changes_workspace_idx" ON "property_changes" USING btree ("workspace_id");