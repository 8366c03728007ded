import type { Definitions } from "../definitions/types.ts";
import type {
  CrmKind,
  CrmObject,
  DealRecord,
  LeadRecord,
  PropertyChange,
  Transition,
  UnmappedValue,
} from "../model.ts";
import { mapStage } from "../stages/mapping.ts";

export interface DerivedTransitions {
  transitions: Transition[];
  unmapped: UnmappedValue[];
}

/** Properties merged on a timestamp tie, first wins (spec §2: `lifecyclestage` first). */
const TIE_ORDER = ["lifecyclestage"];

function tieRank(property: string): number {
  const index = TIE_ORDER.indexOf(property);
  return index < 0 ? TIE_ORDER.length : index;
}

export function compareTransitions(a: Transition, b: Transition): number {
  return a.at.getTime() - b.at.getTime();
}

interface EntitySource {
  id: string;
  crm: CrmKind;
  object: CrmObject;
  pipelineId: string | null;
  createdAt: Date;
  stageChanges: PropertyChange[];
}

/**
 * The spec §2 merge: every entry of every mapped property in time order; an entry whose
 * canonical stage differs from the current one is a transition. Entries dated before the
 * record's creation are the created-with value and are moved to the creation time.
 */
function deriveFromProperties(source: EntitySource, defs: Definitions): DerivedTransitions {
  const created = source.createdAt.getTime();
  const entries = source.stageChanges
    .map((change, order) => ({ change, order, at: Math.max(change.at.getTime(), created) }))
    .sort((a, b) => a.at - b.at || tieRank(a.change.property) - tieRank(b.change.property) || a.order - b.order);
  const transitions: Transition[] = [];
  const unmapped = new Map<string, UnmappedValue>();
  let current: Transition["stage"] | null = null;
  for (const { change, at } of entries) {
    if (change.value === null || change.value === "") continue;
    const stage = mapStage(defs, source.crm, source.object, change.property, source.pipelineId, change.value);
    if (stage === null) {
      unmapped.set(JSON.stringify([change.property, change.value]), { property: change.property, value: change.value });
      continue;
    }
    if (stage === current) continue;
    transitions.push({ entityId: source.id, stage, at: new Date(at), provenance: change.provenance });
    current = stage;
  }
  return { transitions, unmapped: [...unmapped.values()] };
}

/** Transitions of a deal from its dealstage / StageName history. */
export function deriveDealTransitions(deal: DealRecord, defs: Definitions): DerivedTransitions {
  return deriveFromProperties({ ...deal, object: "deal" }, defs);
}

/**
 * Transitions of a lead: its own merged properties, then the deal stages it reaches
 * through associated deals (`via` = deal id). A lead enters `opportunity` when an
 * associated deal is created, whatever stage the deal was created in, and each later
 * deal stage when that deal enters it. Deal-carried transitions do not change the
 * "current stage" used to merge the lead's own properties, so a HubSpot lifecyclestage
 * echo (`opportunity` → sql) after conversion is no new transition.
 */
export function deriveLeadTransitions(
  lead: LeadRecord,
  deals: readonly DealRecord[],
  defs: Definitions,
): DerivedTransitions {
  const own = deriveFromProperties({ ...lead, object: "lead", pipelineId: null }, defs);
  const viaDeals: Transition[] = [];
  for (const deal of deals) {
    if (!lead.dealIds.includes(deal.id) && !deal.leadIds.includes(lead.id)) continue;
    viaDeals.push({ entityId: lead.id, stage: "opportunity", at: deal.createdAt, provenance: "history", via: deal.id });
    for (const t of deriveDealTransitions(deal, defs).transitions) {
      if (t.stage === "opportunity") continue;
      viaDeals.push({ ...t, entityId: lead.id, via: deal.id });
    }
  }
  // Stable sort keeps the lead's own entries before deal-carried ones on a tie.
  const transitions = [...own.transitions, ...viaDeals].sort(compareTransitions);
  return { transitions, unmapped: own.unmapped };
}
