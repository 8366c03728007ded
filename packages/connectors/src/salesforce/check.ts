import type { ConnectionCheck } from "../check.ts";
import { CrmAuthError, CrmRequestError } from "../rate-limit/index.ts";
import type { SalesforceApi } from "./api.ts";
import type { SalesforceFieldSettings } from "./records.ts";

/** Says precisely what is wrong before any sync: refused refresh token, object not readable, unknown field. */
export async function checkSalesforceConnection(
  api: SalesforceApi,
  fields: SalesforceFieldSettings,
): Promise<ConnectionCheck> {
  try {
    await api.refreshAccessToken();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [
        error instanceof CrmAuthError
          ? { code: "bad_credentials", message }
          : { code: "request_failed", message: `Salesforce token request failed: ${message}` },
      ],
    };
  }
  const problems: ConnectionCheck["problems"] = [];
  const wanted: Record<string, string[]> = {
    Lead: [fields.serviceLineField, ...(fields.tierField ? [fields.tierField] : [])],
    LeadHistory: [],
    Opportunity: [fields.serviceLineField],
    OpportunityHistory: [],
    Task: fields.automatedField ? [fields.automatedField] : [],
    Event: [],
    User: [],
  };
  for (const [sobject, custom] of Object.entries(wanted)) {
    try {
      const names = await api.fieldNames(sobject);
      for (const field of custom) {
        if (!names.has(field)) {
          problems.push({
            code: "unknown_field",
            message: `Salesforce ${sobject} has no field ${field} (check the connection's field settings)`,
          });
        }
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push(
        error instanceof CrmRequestError
          ? { code: "missing_scope", message: `The Salesforce user cannot read ${sobject}: ${message}` }
          : { code: "request_failed", message: `Reading ${sobject} failed: ${message}` },
      );
    }
  }
  return { ok: problems.length === 0, problems };
}
