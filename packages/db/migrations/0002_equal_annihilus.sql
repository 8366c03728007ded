CREATE TABLE "stage_edge_weeks" (
	"workspace_id" text NOT NULL,
	"service_line" text NOT NULL,
	"entity_kind" text NOT NULL,
	"stage" text NOT NULL,
	"edge" text NOT NULL,
	"week_end" timestamp with time zone NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "stage_edge_weeks_workspace_id_week_end_service_line_entity_kind_stage_edge_pk" PRIMARY KEY("workspace_id","week_end","service_line","entity_kind","stage","edge")
);
--> statement-breakpoint
ALTER TABLE "facts_state" ADD COLUMN "edges_timezone" text;--> statement-breakpoint
CREATE INDEX "stage_span_facts_entered_idx" ON "stage_span_facts" USING btree ("workspace_id","entered_at");--> statement-breakpoint
CREATE INDEX "stage_span_facts_stall_idx" ON "stage_span_facts" USING btree ("workspace_id","stall_deadline_at") WHERE "stage_span_facts"."stall_deadline_at" is not null;--> statement-breakpoint
CREATE INDEX "stage_span_facts_stall_leave_idx" ON "stage_span_facts" USING btree ("workspace_id",greatest("stall_deadline_at", "left_at")) WHERE "stage_span_facts"."stall_deadline_at" is not null and "stage_span_facts"."left_at" is not null;