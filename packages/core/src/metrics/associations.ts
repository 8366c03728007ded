import type { DealRecord, LeadRecord } from "../model.ts";

export interface Associations {
  dealsOfLead: Map<string, DealRecord[]>;
  /** Leads of each deal, oldest lead first. */
  leadsOfDeal: Map<string, LeadRecord[]>;
}

/** Lead–deal associations from both sides (`lead.dealIds` ∪ `deal.leadIds`), indexed once. */
export function associate(leads: readonly LeadRecord[], deals: readonly DealRecord[]): Associations {
  const leadById = new Map(leads.map((l) => [l.id, l]));
  const dealById = new Map(deals.map((d) => [d.id, d]));
  const pairs = new Set<string>();
  const dealsOfLead = new Map<string, DealRecord[]>();
  const leadsOfDeal = new Map<string, LeadRecord[]>();
  const link = (leadId: string, dealId: string) => {
    const lead = leadById.get(leadId);
    const deal = dealById.get(dealId);
    const key = JSON.stringify([leadId, dealId]);
    if (!lead || !deal || pairs.has(key)) return;
    pairs.add(key);
    dealsOfLead.set(leadId, [...(dealsOfLead.get(leadId) ?? []), deal]);
    leadsOfDeal.set(dealId, [...(leadsOfDeal.get(dealId) ?? []), lead]);
  };
  for (const lead of leads) for (const dealId of lead.dealIds) link(lead.id, dealId);
  for (const deal of deals) for (const leadId of deal.leadIds) link(leadId, deal.id);
  for (const list of leadsOfDeal.values()) list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return { dealsOfLead, leadsOfDeal };
}
