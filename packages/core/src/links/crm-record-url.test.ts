import { describe, expect, it } from "vitest";
import { crmRecordUrl } from "./crm-record-url.ts";

describe("crmRecordUrl", () => {
  it("links HubSpot contacts and deals in their portal, on the portal's own app host", () => {
    const settings = { portalId: 4242 };
    expect(crmRecordUrl({ crm: "hubspot", settings, recordType: "lead", crmId: "1002" })).toBe(
      "https://app.hubspot.com/contacts/4242/record/0-1/1002",
    );
    expect(
      crmRecordUrl({
        crm: "hubspot",
        settings: { hubId: "7", appUrl: "https://app-eu1.hubspot.com/" },
        recordType: "deal",
        crmId: "9",
      }),
    ).toBe("https://app-eu1.hubspot.com/contacts/7/record/0-3/9");
  });

  it("links Salesforce Leads and Opportunities in Lightning, whatever the trailing slash", () => {
    const settings = { instanceUrl: "https://acme.my.salesforce.com/" };
    expect(crmRecordUrl({ crm: "salesforce", settings, recordType: "lead", crmId: "00Q5g0" })).toBe(
      "https://acme.my.salesforce.com/lightning/r/Lead/00Q5g0/view",
    );
    expect(crmRecordUrl({ crm: "salesforce", settings, recordType: "deal", crmId: "006x" })).toBe(
      "https://acme.my.salesforce.com/lightning/r/Opportunity/006x/view",
    );
  });

  it("gives no link when the connection does not say where the CRM lives", () => {
    expect(crmRecordUrl({ crm: "hubspot", settings: {}, recordType: "lead", crmId: "1" })).toBeNull();
    expect(
      crmRecordUrl({ crm: "salesforce", settings: { instanceUrl: 3 }, recordType: "deal", crmId: "1" }),
    ).toBeNull();
  });
});
