import type { DealRecord, Transition } from "@revops/core";
import { OPEN_DEAL_STAGES } from "@revops/core";
import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

const workspaceId = () => text("workspace_id").notNull();
/** The stages coverage counts: open pipeline and closed won. */
const COVERAGE_STAGES = [...OPEN_DEAL_STAGES, "closed_won"];
const at = (name: string) => timestamp(name, { withTimezone: true });
/** Facts are derived: they are replaced whole when their records or the definitions change. */
const derivedColumns = () => ({
  serviceLine: text("service_line").notNull(),
  sourceCategory: text("source_category").notNull(),
  tier: text("tier"),
  ownerCrmId: text("owner_crm_id"),
  definitionsVersion: integer("definitions_version").notNull(),
  computedAt: at("computed_at").notNull().defaultNow(),
});

/** One MQL cycle (handoff) of a lead with everything the weekly review reads about it. */
export const mqlCycleFacts = pgTable(
  "mql_cycle_facts",
  {
    workspaceId: workspaceId(),
    leadId: uuid("lead_id").notNull(),
    cycleIndex: integer("cycle_index").notNull(),
    startAt: at("start_at").notNull(),
    endAt: at("end_at"),
    provenance: text("provenance").notNull(),
    firstTouchAt: at("first_touch_at"),
    firstTouchActivityId: text("first_touch_activity_id"),
    acceptedAt: at("accepted_at"),
    rejectedAt: at("rejected_at"),
    reachedSalAt: at("reached_sal_at"),
    reachedSqlAt: at("reached_sql_at"),
    reachedOpportunityAt: at("reached_opportunity_at"),
    reachedClosedWonAt: at("reached_closed_won_at"),
    /** First touch − start (wall clock), null when never touched. */
    responseMinutes: doublePrecision("response_minutes"),
    /** Same in business minutes of the matching first_touch rule's calendar. */
    responseBusinessMinutes: doublePrecision("response_business_minutes"),
    slaRuleKey: text("sla_rule_key"),
    slaTargetMinutes: doublePrecision("sla_target_minutes"),
    /** start + target in business time: unanswered and deadline ≤ T means breached. */
    slaDeadlineAt: at("sla_deadline_at"),
    ...derivedColumns(),
  },
  (table) => [
    primaryKey({ columns: [table.leadId, table.cycleIndex] }),
    index("mql_cycle_facts_week_idx").on(table.workspaceId, table.startAt),
  ],
);

/** One time-in-stage span of a lead or a deal. */
export const stageSpanFacts = pgTable(
  "stage_span_facts",
  {
    workspaceId: workspaceId(),
    entityKind: text("entity_kind", { enum: ["lead", "deal"] }).notNull(),
    entityId: uuid("entity_id").notNull(),
    spanIndex: integer("span_index").notNull(),
    stage: text("stage").notNull(),
    enteredAt: at("entered_at").notNull(),
    leftAt: at("left_at"),
    provenance: text("provenance").notNull(),
    via: uuid("via"),
    /** enteredAt + the stage_max_age target in business time; older than this at T may be stalled. */
    stallDeadlineAt: at("stall_deadline_at"),
    stallRuleKey: text("stall_rule_key"),
    ...derivedColumns(),
  },
  (table) => [
    primaryKey({ columns: [table.entityId, table.spanIndex] }),
    // Exits of some weeks with every column velocity reads: an index-only scan once vacuumed.
    index("stage_span_facts_exit_idx").on(
      table.workspaceId,
      table.leftAt,
      table.enteredAt,
      table.stage,
      table.entityKind,
      table.serviceLine,
    ),
    index("stage_span_facts_open_idx").on(table.workspaceId, table.entityKind, table.stage, table.enteredAt),
    // Spans still open now: the bulk of every "in stage at T" count, read without the closed history.
    index("stage_span_facts_open_now_idx").on(table.workspaceId, table.enteredAt).where(sql`${table.leftAt} is null`),
    // The edges of the few days between the last week boundary and a cutoff inside a week.
    index("stage_span_facts_entered_idx").on(table.workspaceId, table.enteredAt),
    index("stage_span_facts_stall_idx")
      .on(table.workspaceId, table.stallDeadlineAt)
      .where(sql`${table.stallDeadlineAt} is not null`),
    index("stage_span_facts_stall_leave_idx")
      .on(table.workspaceId, sql`greatest(${table.stallDeadlineAt}, ${table.leftAt})`)
      .where(sql`${table.stallDeadlineAt} is not null and ${table.leftAt} is not null`),
  ],
);

/**
 * A deal with its full history and derived transitions, for point-in-time coverage, win
 * rate and source mix; the scalar columns let SQL pick the deals a week can need.
 */
export const dealFacts = pgTable(
  "deal_facts",
  {
    workspaceId: workspaceId(),
    dealId: uuid("deal_id").notNull(),
    createdAt: at("created_at").notNull(),
    firstClosedAt: at("first_closed_at"),
    lastClosedAt: at("last_closed_at"),
    /** Smallest and largest close date (`YYYY-MM-DD`) the deal ever had. */
    closeDateMin: text("close_date_min"),
    closeDateMax: text("close_date_max"),
    record: jsonb("record").$type<DealRecord>().notNull(),
    transitions: jsonb("transitions").$type<Transition[]>().notNull(),
    ...derivedColumns(),
  },
  (table) => [
    primaryKey({ columns: [table.dealId] }),
    index("deal_facts_created_idx").on(table.workspaceId, table.createdAt),
    index("deal_facts_closed_idx").on(table.workspaceId, table.lastClosedAt),
    index("deal_facts_close_date_idx").on(table.workspaceId, table.closeDateMax),
  ],
);

/**
 * A deal's point-in-time state between two instants (core's `dealStateSpans`): coverage and
 * source mix read any cutoff's state here, in SQL, instead of every deal's history.
 */
export const dealStateSpans = pgTable(
  "deal_state_spans",
  {
    workspaceId: workspaceId(),
    dealId: uuid("deal_id").notNull(),
    spanIndex: integer("span_index").notNull(),
    validFrom: at("valid_from").notNull(),
    /** null: the state still holds. */
    validTo: at("valid_to"),
    stage: text("stage"),
    amount: doublePrecision("amount"),
    probability: doublePrecision("probability"),
    /** `YYYY-MM-DD`. */
    closeDate: text("close_date"),
    serviceLine: text("service_line").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.dealId, table.spanIndex] }),
    // Coverage: the open or won spans of a quarter's close dates that hold at a cutoff, with every
    // column coverage reads, so the scan never visits the table (once vacuumed: see `vacuumFacts`).
    index("deal_state_spans_coverage_idx")
      .on(
        table.workspaceId,
        table.closeDate,
        table.validFrom,
        table.validTo,
        table.stage,
        table.serviceLine,
        table.dealId,
        table.amount,
        table.probability,
      )
      .where(sql.raw(`stage in (${COVERAGE_STAGES.map((s) => `'${s}'`).join(", ")})`)),
  ],
);

/** Every entry of a deal into closed_won / closed_lost with its amount as of then (core's `dealCloses`): win rate. */
export const dealCloseFacts = pgTable(
  "deal_close_facts",
  {
    workspaceId: workspaceId(),
    dealId: uuid("deal_id").notNull(),
    /** Position among the deal's transitions: ties on `at` go to the later one. */
    transitionIndex: integer("transition_index").notNull(),
    at: at("at").notNull(),
    stage: text("stage", { enum: ["closed_won", "closed_lost"] }).notNull(),
    amount: doublePrecision("amount"),
    serviceLine: text("service_line").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.dealId, table.transitionIndex] }),
    index("deal_close_facts_at_idx").on(table.workspaceId, table.at),
  ],
);

/** Where the facts of a workspace stand: the definitions version of the last full recompute and the last write. */
export const factsState = pgTable("facts_state", {
  workspaceId: text("workspace_id").primaryKey(),
  definitionsVersion: integer("definitions_version").notNull(),
  fullRecomputeAt: at("full_recompute_at"),
  computedAt: at("computed_at").notNull().defaultNow(),
  /** Bumped by every facts write: a review computed from an older generation is not cached. */
  generation: integer("generation").notNull().default(0),
  /** The zone whose weeks bucket `stage_edge_weeks` (set by its rebuild); another zone → counted from the spans. */
  edgesTimezone: text("edges_timezone"),
  /**
   * The layout of the stored facts (`FACTS_FORMAT`): a workspace whose facts predate a new
   * table is reviewed from its records until a full recompute fills it (the worker starts one).
   */
  factsFormat: integer("facts_format").notNull().default(0),
});

/**
 * How many times in stage started, ended, became stalled and stopped being stalled, per week
 * (`week_end`: the first week boundary at or after the instant), kept in step with
 * `stage_span_facts`: open(c) = Σ enter − Σ leave over instants ≤ c, without reading history.
 */
export const stageEdgeWeeks = pgTable(
  "stage_edge_weeks",
  {
    workspaceId: workspaceId(),
    serviceLine: text("service_line").notNull(),
    entityKind: text("entity_kind", { enum: ["lead", "deal"] }).notNull(),
    stage: text("stage").notNull(),
    edge: text("edge", { enum: ["enter", "leave", "stall", "stall_leave"] }).notNull(),
    weekEnd: at("week_end").notNull(),
    n: integer("n").notNull(),
  },
  (table) => [
    primaryKey({
      columns: [table.workspaceId, table.weekEnd, table.serviceLine, table.entityKind, table.stage, table.edge],
    }),
  ],
);

/**
 * Review rows of a settled week (every instant its figures read is ≤ settledAt, so any
 * asOf ≥ settledAt gives the same rows), filled on read and cleared when facts change.
 */
export const reviewWeekCache = pgTable(
  "review_week_cache",
  {
    workspaceId: workspaceId(),
    week: text("week").notNull(),
    definitionsVersion: integer("definitions_version").notNull(),
    weekEnd: at("week_end").notNull(),
    settledAt: at("settled_at").notNull(),
    /** Whether any fact of the week carries `unassigned` (the row list shows it then). */
    hasUnassigned: boolean("has_unassigned").notNull(),
    /** Rows of every line (all, each defined line, unassigned) as the API sends them; json keeps key order. */
    rows: json("rows").notNull(),
    computedAt: at("computed_at").notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.week, table.definitionsVersion] })],
);
