CREATE TABLE "deal_close_facts" (
	"workspace_id" text NOT NULL,
	"deal_id" uuid NOT NULL,
	"transition_index" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"stage" text NOT NULL,
	"amount" double precision,
	"service_line" text NOT NULL,
	CONSTRAINT "deal_close_facts_deal_id_transition_index_pk" PRIMARY KEY("deal_id","transition_index")
);
--> statement-breakpoint
CREATE TABLE "deal_state_spans" (
	"workspace_id" text NOT NULL,
	"deal_id" uuid NOT NULL,
	"span_index" integer NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"stage" text,
	"amount" double precision,
	"probability" double precision,
	"close_date" text,
	"service_line" text NOT NULL,
	CONSTRAINT "deal_state_spans_deal_id_span_index_pk" PRIMARY KEY("deal_id","span_index")
);
--> statement-breakpoint
ALTER TABLE "facts_state" ADD COLUMN "facts_format" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "deal_close_facts_at_idx" ON "deal_close_facts" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "deal_state_spans_close_date_idx" ON "deal_state_spans" USING btree ("workspace_id","close_date","valid_from");