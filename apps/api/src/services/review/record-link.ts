/**
 * A record's page in its CRM: HubSpot `https://app.hubspot.com/contacts/{portalId}/record/0-1|0-3/{id}`,
 * Salesforce `{instanceUrl}/{Id}`; null when the connection settings do not say where.
 */
export function crmDeepLink(
  crm: "hubspot" | "salesforce",
  settings: Record<string, unknown>,
  recordType: "lead" | "deal",
  crmId: string,
): string | null {
  const id = encodeURIComponent(crmId);
  if (crm === "hubspot") {
    const portalId = settings.portalId ?? settings.hubId;
    if (typeof portalId !== "string" && typeof portalId !== "number") return null;
    return `https://app.hubspot.com/contacts/${portalId}/record/${recordType === "lead" ? "0-1" : "0-3"}/${id}`;
  }
  const instanceUrl = settings.instanceUrl;
  return typeof instanceUrl === "string" ? `${instanceUrl.replace(/\/$/, "")}/${id}` : null;
}
