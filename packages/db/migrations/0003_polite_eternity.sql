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
CREATE UNIQUE INDEX "alert_channels_workspace_key" ON "alert_channels" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_idempotency" ON "alert_deliveries" USING btree ("workspace_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "alert_deliveries_pending" ON "alert_deliveries" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "alert_delivery_alerts_alert" ON "alert_delivery_alerts" USING btree ("alert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_once" ON "alerts" USING btree ("workspace_id","rule_key","entity_id","cycle_index","kind");--> statement-breakpoint
CREATE INDEX "alerts_workspace_created" ON "alerts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_runs_once" ON "digest_runs" USING btree ("workspace_id","week");--> statement-breakpoint
CREATE INDEX "sla_clocks_next_check" ON "sla_clocks" USING btree ("workspace_id","next_check_at") WHERE next_check_at is not null;--> statement-breakpoint
CREATE INDEX "sla_clocks_entity" ON "sla_clocks" USING btree ("workspace_id","entity_id");