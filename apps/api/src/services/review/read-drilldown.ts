import type { CycleFactRow, DealFactRow, ReviewFacts, ReviewWindow, SpanFactRow } from "@revops/core";
import {
  classifyResponse,
  closeInWindow,
  computeReviewDrilldown,
  crmRecordUrl,
  cycleOutcomeAsOf,
  dealStateAt,
  decidedAtAsOf,
  inWindow,
  isDealStage,
  reviewWindow,
} from "@revops/core";
import { listOpenSpans, loadCycleFacts, loadDealFacts, loadExitSpanFacts, recordIdentities } from "@revops/db";
import type { ApiDeps } from "../../env.ts";
import { badRequest } from "../../errors.ts";
import type { DrilldownTarget } from "./drilldown-metrics.ts";
import { parseDrilldownMetric } from "./drilldown-metrics.ts";
import type { DrilldownRecord } from "./drilldown-schema.ts";
import type { ReviewContext } from "./read-review.ts";
import { checkServiceLine, factsForWeeks, reviewContext } from "./read-review.ts";
import { factsForWeek, factsRange } from "./review-facts-source.ts";

export interface DrilldownQuery {
  workspaceId: string;
  week: string;
  asOf: Date;
  serviceLine: string;
  metric: string;
  definitionsVersion?: number | undefined;
  /** Opaque position from the previous page; absent for the first page. */
  cursor?: string | undefined;
  limit: number;
  /** start: by start (the default); wait: the longest response or wait first; amount: the biggest deal first. */
  order?: DrilldownOrder | undefined;
}

type DrilldownOrder = "start" | "wait" | "amount";

const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null);
const MINUTE = 60_000;

type Partial = Omit<DrilldownRecord, "crm" | "crmId" | "name" | "link" | "ownerCrmId" | "ownerName">;

function cycleRecord(cycle: CycleFactRow, ctx: { defs: Parameters<typeof classifyResponse>[1]; asOf: Date }): Partial {
  const response = classifyResponse(cycle, ctx.defs, ctx.asOf);
  const decidedAt = decidedAtAsOf(cycle, ctx.asOf);
  return {
    recordType: "lead",
    recordId: cycle.leadId,
    serviceLine: cycle.serviceLine,
    sourceCategory: cycle.sourceCategory,
    cycleIndex: cycle.index,
    stage: null,
    provenance: cycle.provenance,
    startAt: iso(cycle.startAt),
    endAt: iso(cycle.endAt),
    firstTouchAt: iso(response.respondedAt),
    wallMinutes: response.wallMinutes,
    businessMinutes: response.businessMinutes,
    sla: response.sla,
    outcome: cycleOutcomeAsOf(cycle, ctx.asOf),
    decidedAt: iso(decidedAt),
    hoursToDecision: decidedAt ? (decidedAt.getTime() - cycle.startAt.getTime()) / (60 * MINUTE) : null,
    days: null,
    amount: null,
    closeDate: null,
    probability: null,
  };
}

function dealRecord(fact: DealFactRow, window: ReviewWindow, atClose: boolean): Partial {
  const close = closeInWindow(fact, window);
  const state = dealStateAt(fact.deal, fact.transitions, atClose && close ? close.at : window.cutoff);
  return {
    recordType: "deal",
    recordId: fact.deal.id,
    serviceLine: fact.serviceLine,
    sourceCategory: fact.sourceCategory,
    cycleIndex: null,
    stage: state.stage,
    provenance: null,
    startAt: iso(fact.deal.createdAt),
    endAt: iso(close?.at),
    firstTouchAt: null,
    wallMinutes: null,
    businessMinutes: null,
    sla: null,
    outcome: null,
    decidedAt: null,
    hoursToDecision: null,
    days: null,
    amount: state.amount,
    closeDate: state.closeDate,
    probability: state.probability,
  };
}

function spanRecord(span: SpanFactRow, window: ReviewWindow): Partial {
  const until = span.leftAt && span.leftAt <= window.cutoff ? span.leftAt : window.cutoff;
  return {
    recordType: span.entityKind,
    recordId: span.entityId,
    serviceLine: span.serviceLine,
    sourceCategory: span.sourceCategory,
    cycleIndex: null,
    stage: span.stage,
    provenance: span.provenance,
    startAt: iso(span.enteredAt),
    endAt: iso(span.leftAt),
    firstTouchAt: null,
    wallMinutes: null,
    businessMinutes: null,
    sla: null,
    outcome: null,
    decidedAt: null,
    hoursToDecision: null,
    days: (until.getTime() - span.enteredAt.getTime()) / (1440 * MINUTE),
    amount: null,
    closeDate: null,
    probability: null,
  };
}

/**
 * The stored facts a drill-down reads. Each section of the drill-down is a function of one kind of
 * fact (cycles: response, acceptance, conversion; deals: coverage, win rate, source mix; spans:
 * velocity), so only that kind is loaded; open and stalled spans are listed in SQL (none loaded).
 */
async function drilldownFacts(
  ctx: ReviewContext,
  query: DrilldownQuery,
  target: DrilldownTarget,
): Promise<ReviewFacts> {
  if (ctx.computedFrom === "records") return factsForWeeks(ctx, query.workspaceId, [query.week], query.asOf);
  const range = factsRange(query.workspaceId, ctx.defs, [query.week], query.asOf);
  const none: ReviewFacts = { cycles: [], spans: [], deals: [] };
  if (target.kind === "cycles") return { ...none, cycles: await loadCycleFacts(ctx.db, range) };
  if (target.kind === "deals") return { ...none, deals: await loadDealFacts(ctx.db, range) };
  if (target.key === "exits") return { ...none, spans: await loadExitSpanFacts(ctx.db, range) };
  return none;
}

async function membersOf(deps: ApiDeps, query: DrilldownQuery, target: DrilldownTarget): Promise<Partial[]> {
  const ctx = await reviewContext(deps, query.workspaceId, query.definitionsVersion);
  checkServiceLine(ctx.defs, query.serviceLine);
  const facts = factsForWeek(await drilldownFacts(ctx, query, target), ctx.defs, query.week, query.asOf);
  const window = reviewWindow(ctx.defs, query.week, query.asOf);
  const drill = computeReviewDrilldown({
    ...facts,
    defs: ctx.defs,
    week: query.week,
    asOf: query.asOf,
    serviceLine: query.serviceLine,
  });
  if (target.kind === "cycles") {
    const refs =
      (drill[target.section] as Record<string, Array<{ leadId: string; cycleIndex: number }>>)[target.key] ?? [];
    const wanted = new Set(refs.map((r) => `${r.leadId}:${r.cycleIndex}`));
    return facts.cycles
      .filter((c) => wanted.has(`${c.leadId}:${c.index}`))
      .sort(
        (a, b) => a.startAt.getTime() - b.startAt.getTime() || a.leadId.localeCompare(b.leadId) || a.index - b.index,
      )
      .map((c) => cycleRecord(c, { defs: ctx.defs, asOf: query.asOf }));
  }
  if (target.kind === "deals") {
    const ids = new Set((drill[target.section] as Record<string, string[]>)[target.key] ?? []);
    return facts.deals
      .filter((d) => ids.has(d.deal.id))
      .sort((a, b) => a.deal.createdAt.getTime() - b.deal.createdAt.getTime() || a.deal.id.localeCompare(b.deal.id))
      .map((d) => dealRecord(d, window, target.section === "winRate"));
  }
  const entityKind = isDealStage(target.stage as never) ? "deal" : "lead";
  let spans: SpanFactRow[];
  const inStage = (span: SpanFactRow) => span.stage === target.stage && span.entityKind === entityKind;
  if (target.key === "exits") {
    spans = facts.spans.filter((span) => inStage(span) && inWindow(window, span.leftAt));
  } else if (ctx.computedFrom === "records") {
    const ids = new Set(drill.velocity.find((v) => v.stage === target.stage)?.[target.key] ?? []);
    spans = facts.spans.filter(
      (span) =>
        inStage(span) &&
        ids.has(span.entityId) &&
        span.enteredAt <= window.cutoff &&
        (span.leftAt === null || span.leftAt > window.cutoff),
    );
  } else {
    spans = await listOpenSpans(ctx.db, {
      workspaceId: query.workspaceId,
      at: window.cutoff,
      stage: target.stage,
      entityKind,
      ...(query.serviceLine === "all" ? {} : { serviceLine: query.serviceLine }),
      stalledOnly: target.key === "stalled",
    });
    const hasRule = ctx.defs.slaRules.some((r) => r.kind === "stage_max_age" && r.startStage === target.stage);
    if (target.key === "stalled" && !hasRule) spans = [];
  }
  return spans
    .sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime() || a.entityId.localeCompare(b.entityId))
    .map((s) => spanRecord(s, window));
}

/** How late a record is: its response time, or (not responded yet) the time waited so far by asOf. */
const waitMinutes = (r: Partial, asOf: number) =>
  r.wallMinutes ?? (r.startAt ? (asOf - Date.parse(r.startAt)) / MINUTE : 0);

/** The members in the asked order; ties keep the start order (a stable sort), so pages stay deterministic. */
function ordered(members: Partial[], order: DrilldownOrder, asOf: Date): Partial[] {
  if (order === "wait")
    return members.toSorted((a, b) => waitMinutes(b, asOf.getTime()) - waitMinutes(a, asOf.getTime()));
  if (order === "amount")
    return members.toSorted((a, b) => (b.amount ?? 0) - (a.amount ?? 0) || (b.days ?? 0) - (a.days ?? 0));
  return members;
}

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString("base64url");
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { offset: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {}
  throw badRequest("cursor: not a cursor this API returned; start again without it");
}

/** The records behind one count of the review, paginated, with CRM ids, deep links and the durations that counted. */
export async function readDrilldown(deps: ApiDeps, query: DrilldownQuery) {
  const target = parseDrilldownMetric(query.metric);
  const offset = decodeCursor(query.cursor);
  const members = ordered(await membersOf(deps, query, target), query.order ?? "start", query.asOf);
  const page = members.slice(offset, offset + query.limit);
  const db = deps.database.db;
  const identities = {
    lead: await recordIdentities(db, {
      workspaceId: query.workspaceId,
      recordType: "lead",
      ids: page.filter((r) => r.recordType === "lead").map((r) => r.recordId),
    }),
    deal: await recordIdentities(db, {
      workspaceId: query.workspaceId,
      recordType: "deal",
      ids: page.filter((r) => r.recordType === "deal").map((r) => r.recordId),
    }),
  };
  const records: DrilldownRecord[] = page.map((r) => {
    const who = identities[r.recordType].get(r.recordId);
    return {
      ...r,
      crm: who?.crm ?? null,
      crmId: who?.crmId ?? null,
      name: who?.name ?? null,
      link: who
        ? crmRecordUrl({ crm: who.crm, settings: who.connectionSettings, recordType: r.recordType, crmId: who.crmId })
        : null,
      ownerCrmId: who?.ownerCrmId ?? null,
      ownerName: who?.ownerName ?? null,
    };
  });
  const next = offset + query.limit < members.length ? encodeCursor(offset + query.limit) : null;
  return {
    metric: query.metric,
    week: query.week,
    asOf: query.asOf.toISOString(),
    serviceLine: query.serviceLine,
    total: members.length,
    records,
    nextCursor: next,
  };
}
