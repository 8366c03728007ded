import type { ConnectionCheck } from "../check.ts";
import { CrmAuthError, CrmRequestError } from "../rate-limit/index.ts";
import type { HubspotApi, HubspotObjectType } from "./api.ts";
import type { HubspotFieldSettings } from "./records.ts";

const SCOPES: Record<HubspotObjectType, string> = {
  contacts: "crm.objects.contacts.read",
  deals: "crm.objects.deals.read",
  calls: "crm.objects.contacts.read (calls)",
  emails: "crm.objects.contacts.read (emails)",
  meetings: "crm.objects.contacts.read (meetings)",
};

/** Says precisely what is wrong before any sync: bad token, missing scope, unknown property. */
export async function checkHubspotConnection(api: HubspotApi, fields: HubspotFieldSettings): Promise<ConnectionCheck> {
  const problems: ConnectionCheck["problems"] = [];
  try {
    await api.ownersPage(undefined);
  } catch (error) {
    if (error instanceof CrmAuthError) {
      return {
        ok: false,
        problems: [{ code: "bad_credentials", message: `HubSpot refused the credentials: ${error.message}` }],
      };
    }
    problems.push(scopeProblem("crm.objects.owners.read", error));
  }
  for (const type of ["contacts", "deals", "calls", "emails", "meetings"] as const) {
    try {
      await api.listPage(type, { limit: 1, properties: ["hs_object_id"] });
    } catch (error) {
      problems.push(scopeProblem(SCOPES[type], error));
    }
  }
  for (const type of ["contacts", "deals"] as const) {
    try {
      const names = await api.propertyNames(type);
      for (const property of [
        fields.serviceLineProperty,
        fields.sourceProperty,
        ...(type === "contacts" && fields.tierProperty ? [fields.tierProperty] : []),
      ]) {
        if (!names.has(property)) {
          problems.push({
            code: "unknown_field",
            message: `HubSpot ${type} have no property "${property}" (check the connection's field settings)`,
          });
        }
      }
    } catch (error) {
      problems.push(scopeProblem(`crm.schemas.${type}.read`, error));
    }
  }
  return { ok: problems.length === 0, problems };
}

function scopeProblem(scope: string, error: unknown): ConnectionCheck["problems"][number] {
  if (error instanceof CrmRequestError && error.status === 403) {
    return { code: "missing_scope", message: `The HubSpot app lacks the scope ${scope}: ${error.message}` };
  }
  return {
    code: "request_failed",
    message: `HubSpot request for ${scope} failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}
