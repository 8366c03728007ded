/** Where a connection says its CRM lives: HubSpot portal (and app host for EU portals), Salesforce instance. */
export interface CrmRecordAddress {
  crm: "hubspot" | "salesforce";
  settings: Record<string, unknown>;
  recordType: "lead" | "deal";
  crmId: string;
}

/**
 * A record's page in its CRM, the one link the review, drill-downs and alerts all give:
 * HubSpot `{appUrl}/contacts/{portalId}/record/0-1|0-3/{id}`, Salesforce Lightning
 * `{instanceUrl}/lightning/r/Lead|Opportunity/{Id}/view`; null when the settings do not say where.
 */
export function crmRecordUrl(address: CrmRecordAddress): string | null {
  const { crm, settings, recordType } = address;
  const id = encodeURIComponent(address.crmId);
  if (crm === "hubspot") {
    const portalId = settings.portalId ?? settings.hubId;
    if (typeof portalId !== "string" && typeof portalId !== "number") return null;
    const base = typeof settings.appUrl === "string" ? settings.appUrl.replace(/\/$/, "") : "https://app.hubspot.com";
    return `${base}/contacts/${portalId}/record/${recordType === "lead" ? "0-1" : "0-3"}/${id}`;
  }
  const instanceUrl = settings.instanceUrl;
  if (typeof instanceUrl !== "string") return null;
  const object = recordType === "lead" ? "Lead" : "Opportunity";
  return `${instanceUrl.replace(/\/$/, "")}/lightning/r/${object}/${id}/view`;
}
