CREATE TABLE "alert_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets" jsonb,
	"all_rules" boolean DEFAULT true NOT NULL,
	"digest" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_failure_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"flagged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"idempotency_key" text NOT NULL,
	"not_before" timestamp with time zone,
	"claimed_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_delivery_alerts" (
	"workspace_id" text NOT NULL,
	"delivery_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	CONSTRAINT "alert_delivery_alerts_delivery_id_alert_id_pk" PRIMARY KEY("delivery_id","alert_id")
);
--> statement-breakpoint
CREATE TABLE "alert_rule_settings" (
	"workspace_id" text NOT NULL,
	"rule_key" text NOT NULL,
	"group_by_owner" boolean DEFAULT false NOT NULL,
	"quiet_hours" boolean DEFAULT false NOT NULL,
	CONSTRAINT "alert_rule_settings_workspace_id_rule_key_pk" PRIMARY KEY("workspace_id","rule_key")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"rule_key" text NOT NULL,
	"rule_name" text NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" text NOT NULL,
	"cycle_index" integer NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"entity_name" text,
	"owner_id" text,
	"owner_name" text,
	"record_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text
);
--> statement-breakpoint
CREATE TABLE "digest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"week" text NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "digest_subscribers" (
	"workspace_id" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_subscribers_workspace_id_email_pk" PRIMARY KEY("workspace_id","email")
);
--> statement-breakpoint
CREATE TABLE "sla_clocks" (
	"workspace_id" text NOT NULL,
	"rule_key" text NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" text NOT NULL,
	"cycle_index" integer NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"at_risk_at" timestamp with time zone NOT NULL,
	"escalate_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"state" text DEFAULT 'running' NOT NULL,
	"next_check_at" timestamp with time zone,
	"entity_name" text,
	"owner_id" text,
	"owner_name" text,
	"record_url" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_clocks_workspace_id_rule_key_entity_id_cycle_index_pk" PRIMARY KEY("workspace_id","rule_key","entity_id","cycle_index")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text DEFAULT '' NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" uuid NOT NULL,
	"workspace_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_workspace_id_pk" PRIMARY KEY("user_id","workspace_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"password_hash" text,
	"oidc_subject" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_oidc_subject_unique" UNIQUE("oidc_subject")
);
--> statement-breakpoint
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
	"lead_crm_id" text,
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
	"provenance" text NOT NULL,
	"previous_value" text
);
--> statement-breakpoint
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
CREATE TABLE "facts_state" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"definitions_version" integer NOT NULL,
	"full_recompute_at" timestamp with time zone,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE TABLE "data_quality_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"crm_id" text NOT NULL,
	"object" text NOT NULL,
	"kind" text NOT NULL,
	"field" text DEFAULT '' NOT NULL,
	"value" text,
	"message" text NOT NULL,
	"first_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "data_quality_problems_identity" UNIQUE NULLS NOT DISTINCT("connection_id","object","crm_id","kind","field","value")
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"workspace_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"object" text NOT NULL,
	"cursor" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_cursors_connection_id_object_pk" PRIMARY KEY("connection_id","object")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"reason" text DEFAULT 'manual' NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"job_id" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"pages" integer DEFAULT 0 NOT NULL,
	"records_by_object" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"rate_limit_waits" integer DEFAULT 0 NOT NULL,
	"rate_limit_wait_ms" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"progress" jsonb
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
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_channel_id_alert_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."alert_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_delivery_alerts" ADD CONSTRAINT "alert_delivery_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_delivery_alerts" ADD CONSTRAINT "alert_delivery_alerts_delivery_id_alert_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."alert_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_delivery_alerts" ADD CONSTRAINT "alert_delivery_alerts_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rule_settings" ADD CONSTRAINT "alert_rule_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_subscribers" ADD CONSTRAINT "digest_subscribers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_deals" ADD CONSTRAINT "lead_deals_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_deals" ADD CONSTRAINT "lead_deals_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owners" ADD CONSTRAINT "owners_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stages" ADD CONSTRAINT "pipeline_stages_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "definition_versions" ADD CONSTRAINT "definition_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notes" ADD CONSTRAINT "review_notes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_lead_deal_links" ADD CONSTRAINT "crm_lead_deal_links_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_quality_problems" ADD CONSTRAINT "data_quality_problems_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_channels_workspace_key" ON "alert_channels" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_idempotency" ON "alert_deliveries" USING btree ("workspace_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "alert_deliveries_pending" ON "alert_deliveries" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "alert_delivery_alerts_alert" ON "alert_delivery_alerts" USING btree ("alert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_once" ON "alerts" USING btree ("workspace_id","rule_key","entity_id","cycle_index","kind");--> statement-breakpoint
CREATE INDEX "alerts_workspace_created" ON "alerts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_runs_once" ON "digest_runs" USING btree ("workspace_id","week");--> statement-breakpoint
CREATE INDEX "sla_clocks_next_check" ON "sla_clocks" USING btree ("workspace_id","next_check_at") WHERE next_check_at is not null;--> statement-breakpoint
CREATE INDEX "sla_clocks_entity" ON "sla_clocks" USING btree ("workspace_id","entity_id");--> statement-breakpoint
CREATE INDEX "api_tokens_workspace_idx" ON "api_tokens" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "audit_log_workspace_at_idx" ON "audit_log" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "invitations_workspace_idx" ON "invitations" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "memberships_workspace_idx" ON "memberships" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "connections_workspace_idx" ON "connections" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_connection_crm_id" ON "activities" USING btree ("connection_id","crm_id");--> statement-breakpoint
CREATE INDEX "activities_lead_idx" ON "activities" USING btree ("lead_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_connection_crm_id" ON "deals" USING btree ("connection_id","crm_id");--> statement-breakpoint
CREATE INDEX "deals_workspace_idx" ON "deals" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "lead_deals_deal_idx" ON "lead_deals" USING btree ("deal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_connection_crm_id" ON "leads" USING btree ("connection_id","crm_id");--> statement-breakpoint
CREATE INDEX "leads_workspace_idx" ON "leads" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "property_changes_identity" ON "property_changes" USING btree ("entity_id","property","changed_at",coalesce("value", ''));--> statement-breakpoint
CREATE INDEX "property_changes_workspace_idx" ON "property_changes" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "definition_versions_workspace_version" ON "definition_versions" USING btree ("workspace_id","version");--> statement-breakpoint
CREATE INDEX "definition_versions_workspace_idx" ON "definition_versions" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "deal_facts_created_idx" ON "deal_facts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "deal_facts_closed_idx" ON "deal_facts" USING btree ("workspace_id","last_closed_at");--> statement-breakpoint
CREATE INDEX "deal_facts_close_date_idx" ON "deal_facts" USING btree ("workspace_id","close_date_max");--> statement-breakpoint
CREATE INDEX "mql_cycle_facts_week_idx" ON "mql_cycle_facts" USING btree ("workspace_id","start_at");--> statement-breakpoint
CREATE INDEX "stage_span_facts_exit_idx" ON "stage_span_facts" USING btree ("workspace_id","left_at");--> statement-breakpoint
CREATE INDEX "stage_span_facts_open_idx" ON "stage_span_facts" USING btree ("workspace_id","entity_kind","stage","entered_at");--> statement-breakpoint
CREATE INDEX "stage_span_facts_open_now_idx" ON "stage_span_facts" USING btree ("workspace_id","entered_at") WHERE "stage_span_facts"."left_at" is null;--> statement-breakpoint
CREATE INDEX "action_items_workspace_week_idx" ON "action_items" USING btree ("workspace_id","created_week");--> statement-breakpoint
CREATE INDEX "crm_lead_deal_links_deal_idx" ON "crm_lead_deal_links" USING btree ("connection_id","deal_crm_id");--> statement-breakpoint
CREATE INDEX "data_quality_problems_workspace_idx" ON "data_quality_problems" USING btree ("workspace_id","last_seen");--> statement-breakpoint
CREATE INDEX "sync_runs_connection_idx" ON "sync_runs" USING btree ("connection_id","started_at");--> statement-breakpoint
CREATE INDEX "sync_runs_workspace_idx" ON "sync_runs" USING btree ("workspace_id","started_at");