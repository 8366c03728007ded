import type { MqlCycleFact } from "../cycles/mqlCycles.ts";
import { mqlCycles } from "../cycles/mqlCycles.ts";
import type { Definitions } from "../definitions/types.ts";
import type { Activity, DealRecord, LeadRecord, SourceCategory, Transition, UnmappedValue } from "../model.ts";
import type { SlaEntityFacts } from "../sla/clocks.ts";
import { mapServiceLine, mapSourceCategory, UNASSIGNED } from "../stages/mapping.ts";
import { deriveDealTransitions, deriveLeadTransitions } from "../transitions/derive.ts";
import type { StageSpan } from "../transitions/spans.ts";
import { stageSpans } from "../transitions/spans.ts";
import { associate } from "./associations.ts";

/** What SLA filters and review rows slice by. */
export interface Segment {
  serviceLine: string;
  sourceCategory: SourceCategory;
  tier: string | null;
}

/** One MQL cycle, stored as a row; the weekly review filters these by `startAt`. */
export interface CycleFactRow extends MqlCycleFact, Segment {
  leadId: string;
}

/** One time-in-stage span of a lead or a deal. */
export interface SpanFactRow extends StageSpan, Segment {
  entityId: string;
  /** 0-based position among the entity's spans. */
  spanIndex: number;
  entityKind: "lead" | "deal";
}

/** A deal with its derived transitions; point-in-time snapshots come from `dealStateAt`. */
export interface DealFactRow extends Segment {
  deal: DealRecord;
  transitions: Transition[];
}

export interface ReviewFacts {
  cycles: CycleFactRow[];
  spans: SpanFactRow[];
  deals: DealFactRow[];
}

export interface UnmappedReport extends UnmappedValue {
  crm: LeadRecord["crm"];
  object: "lead" | "deal";
  recordId: string;
}

export interface BuiltFacts extends ReviewFacts {
  /** Per-entity inputs of the SLA clocks (`slaClocks` / `allSlaClocks`). */
  slaEntities: SlaEntityFacts[];
  /** Unmapped stage, service-line and source values with the records carrying them (data-quality page). */
  unmapped: UnmappedReport[];
}

function segmentOf(defs: Definitions, record: LeadRecord | DealRecord, tier: string | null, object: "lead" | "deal") {
  const serviceLine = mapServiceLine(defs, record.crm, record.serviceLineRaw);
  const source = mapSourceCategory(defs, record.crm, record.sourceRaw);
  const unmapped: UnmappedReport[] = [];
  const report = (property: string, value: string | null) => {
    if (value !== null) unmapped.push({ crm: record.crm, object, recordId: record.id, property, value });
  };
  report("serviceLine", serviceLine.unmapped);
  report("source", source.unmapped);
  return { segment: { serviceLine: serviceLine.value, sourceCategory: source.value, tier }, unmapped };
}

/**
 * Every fact row derived from synced records. A deal without a service line inherits
 * the first associated lead's (by creation time) that has one; its source category
 * is inherited the same way when its own source is missing.
 */
export function buildFacts(input: {
  leads: readonly LeadRecord[];
  deals: readonly DealRecord[];
  activities: readonly Activity[];
  defs: Definitions;
}): BuiltFacts {
  const { leads, deals, activities, defs } = input;
  const facts: BuiltFacts = { cycles: [], spans: [], deals: [], slaEntities: [], unmapped: [] };
  const links = associate(leads, deals);
  const leadSegments = new Map<string, Segment>();
  const touchesByLead = new Map<string, Activity[]>();
  for (const activity of activities) {
    const list = touchesByLead.get(activity.leadId) ?? [];
    list.push(activity);
    touchesByLead.set(activity.leadId, list);
  }
  for (const lead of leads) {
    const { segment, unmapped } = segmentOf(defs, lead, lead.tier, "lead");
    leadSegments.set(lead.id, segment);
    const derived = deriveLeadTransitions(lead, links.dealsOfLead.get(lead.id) ?? [], defs);
    facts.unmapped.push(
      ...unmapped,
      ...derived.unmapped.map((u) => ({ ...u, crm: lead.crm, object: "lead" as const, recordId: lead.id })),
    );
    const cycles = mqlCycles(derived.transitions, touchesByLead.get(lead.id) ?? []);
    for (const cycle of cycles) facts.cycles.push({ ...cycle, ...segment, leadId: lead.id });
    facts.slaEntities.push({
      ...segment,
      entityId: lead.id,
      entityKind: "lead",
      transitions: derived.transitions,
      cycles,
    });
    stageSpans(derived.transitions).forEach((span, spanIndex) => {
      facts.spans.push({ ...span, ...segment, entityId: lead.id, entityKind: "lead", spanIndex });
    });
  }
  for (const deal of deals) {
    const own = segmentOf(defs, deal, null, "deal");
    const linked = (links.leadsOfDeal.get(deal.id) ?? [])
      .map((l) => leadSegments.get(l.id))
      .filter((s): s is Segment => s !== undefined);
    const segment: Segment = {
      serviceLine:
        own.segment.serviceLine !== UNASSIGNED
          ? own.segment.serviceLine
          : (linked.find((s) => s.serviceLine !== UNASSIGNED)?.serviceLine ?? UNASSIGNED),
      sourceCategory: deal.sourceRaw ? own.segment.sourceCategory : (linked[0]?.sourceCategory ?? "other"),
      tier: linked[0]?.tier ?? null,
    };
    const derived = deriveDealTransitions(deal, defs);
    facts.unmapped.push(
      ...own.unmapped,
      ...derived.unmapped.map((u) => ({ ...u, crm: deal.crm, object: "deal" as const, recordId: deal.id })),
    );
    facts.deals.push({ ...segment, deal, transitions: derived.transitions });
    facts.slaEntities.push({
      ...segment,
      entityId: deal.id,
      entityKind: "deal",
      transitions: derived.transitions,
      cycles: [],
    });
    stageSpans(derived.transitions).forEach((span, spanIndex) => {
      facts.spans.push({ ...span, ...segment, entityId: deal.id, entityKind: "deal", spanIndex });
    });
  }
  return facts;
}
