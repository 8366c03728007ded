import type { SlaEntityLabel } from "@revops/db";

/**
 * The record's page in its CRM, when the connection tells us where (HubSpot portal id,
 * Salesforce instance URL); null otherwise, and the alert simply names the record.
 */
export function crmRecordUrl(label: SlaEntityLabel): string | null {
  const settings = label.connectionSettings;
  const crmId = encodeURIComponent(label.crmId);
  if (label.crm === "hubspot") {
    const portalId = settings.portalId ?? settings.hubId;
    if (typeof portalId !== "string" && typeof portalId !== "number") return null;
    const base = typeof settings.appUrl === "string" ? settings.appUrl.replace(/\/$/, "") : "https://app.hubspot.com";
    return `${base}/contacts/${portalId}/record/${label.entityKind === "lead" ? "0-1" : "0-3"}/${crmId}`;
  }
  const instanceUrl = settings.instanceUrl;
  if (typeof instanceUrl !== "string") return null;
  const object = label.entityKind === "lead" ? "Lead" : "Opportunity";
  return `${instanceUrl.replace(/\/$/, "")}/lightning/r/${object}/${crmId}/view`;
}
