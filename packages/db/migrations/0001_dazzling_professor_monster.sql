CREATE TABLE "definition_versions" (
	"workspace_id" text NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"diff" jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "deal_facts" (
	"workspace_id" text NOT NULL,
	"deal_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"first_closed_at" timestamp with time zone,
	"last_closed_at" timestamp with time zone,
	"close_date_min" text,
	"close_date_max" text,
	"record" jsonb NOT NULL,
	"transitions" jsonb NOT NULL,
	"service_line" text NOT NULL,
	"source_category" text NOT NULL,
	"tier" text,
	"owner_crm_id" text,
	"definitions_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_facts_deal_id_pk" PRIMARY KEY("deal_id")
);
--> statement-breakpoint
CREATE TABLE "mql_cycle_facts" (
	"workspace_id" text NOT NULL,
	"lead_id" uuid NOT NULL,
	"cycle_index" integer NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone,
	"provenance" text NOT NULL,
	"first_touch_at" timestamp with time zone,
	"first_touch_activity_id" text,
	"accepted_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"reached_sal_at" timestamp with time zone,
	"reached_sql_at" timestamp with time zone,
	"reached_opportunity_at" timestamp with time zone,
	"reached_closed_won_at" timestamp with time zone,
	"response_minutes" double precision,
	"response_business_minutes" double precision,
	"sla_rule_key" text,
	"sla_target_minutes" double precision,
	"sla_deadline_at" timestamp with time zone,
	"service_line" text NOT NULL,
	"source_category" text NOT NULL,
	"tier" text,
	"owner_crm_id" text,
	"definitions_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mql_cycle_facts_lead_id_cycle_index_pk" PRIMARY KEY("lead_id","cycle_index")
);
--> statement-breakpoint
CREATE TABLE "stage_span_facts" (
	"workspace_id" text NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"span_index" integer NOT NULL,
	"stage" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"provenance" text NOT NULL,
	"via" uuid,
	"stall_deadline_at" timestamp with time zone,
	"stall_rule_key" text,
	"service_line" text NOT NULL,
	"source_category" text NOT NULL,
	"tier" text,
	"owner_crm_id" text,
	"definitions_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_span_facts_entity_id_span_index_pk" PRIMARY KEY("entity_id","span_index")
);
--> statement-breakpoint
ALTER TABLE "definition_versions" ADD CONSTRAINT "definition_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "definition_versions_workspace_version" ON "definition_versions" USING btree ("workspace_id","version");--> statement-breakpoint
CREATE INDEX "definition_versions_workspace_idx" ON "definition_versions" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "deal_facts_created_idx" ON "deal_facts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "deal_facts_closed_idx" ON "deal_facts" USING btree ("workspace_id","last_closed_at");--> statement-breakpoint
CREATE INDEX "deal_facts_close_date_idx" ON "deal_facts" USING btree ("workspace_id","close_date_max");--> statement-breakpoint
CREATE INDEX "mql_cycle_facts_week_idx" ON "mql_cycle_facts" USING btree ("workspace_id","start_at");--> statement-breakpoint
CREATE INDEX "stage_span_facts_exit_idx" ON "stage_span_facts" USING btree ("workspace_id","left_at");--> statement-breakpoint
CREATE INDEX "stage_span_facts_open_idx" ON "stage_span_facts" USING btree ("workspace_id","entity_kind","stage","entered_at");