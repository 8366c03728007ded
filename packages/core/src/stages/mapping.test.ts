import { describe, expect, it } from "vitest";
import { defaultDefinitions } from "../definitions/defaults.ts";
import { mapServiceLine, mapSourceCategory, mapStage } from "./mapping.ts";
import { stagesAtOrAfter } from "./order.ts";

describe("mapStage", () => {
  const defs = defaultDefinitions();
  it("maps the default table for both CRMs", () => {
    expect(mapStage(defs, "hubspot", "lead", "lifecyclestage", null, "marketingqualifiedlead")).toBe("mql");
    expect(mapStage(defs, "hubspot", "lead", "hs_lead_status", null, "BAD_TIMING")).toBe("recycled");
    expect(mapStage(defs, "salesforce", "lead", "Status", null, "Working - Contacted")).toBe("sal");
    expect(mapStage(defs, "hubspot", "deal", "dealstage", "default", "contractsent")).toBe("negotiation");
    expect(mapStage(defs, "salesforce", "deal", "StageName", null, "Closed Lost")).toBe("closed_lost");
  });

  it("returns null for unmapped and empty values", () => {
    expect(mapStage(defs, "hubspot", "lead", "lifecyclestage", null, "customer")).toBeNull();
    expect(mapStage(defs, "hubspot", "lead", "lifecyclestage", null, "")).toBeNull();
    expect(mapStage(defs, "hubspot", "lead", "lifecyclestage", null, null)).toBeNull();
  });

  it("prefers a pipeline-specific entry", () => {
    const custom = defaultDefinitions();
    custom.stageMapping.push({
      crm: "hubspot",
      object: "deal",
      property: "dealstage",
      pipelineId: "p2",
      value: "closedwon",
      stage: "negotiation",
    });
    expect(mapStage(custom, "hubspot", "deal", "dealstage", "p2", "closedwon")).toBe("negotiation");
    expect(mapStage(custom, "hubspot", "deal", "dealstage", "p1", "closedwon")).toBe("closed_won");
  });
});

describe("service line and source category", () => {
  const defs = defaultDefinitions();
  defs.serviceLines = [{ key: "cloud", label: "Cloud" }];
  defs.serviceLineMap = [{ crm: "hubspot", value: "Cloud Services", serviceLine: "cloud" }];
  defs.sourceCategoryMap = [{ crm: "salesforce", value: "Web", category: "marketing" }];
  it("maps, and reports unmapped values", () => {
    expect(mapServiceLine(defs, "hubspot", "Cloud Services")).toEqual({ value: "cloud", unmapped: null });
    expect(mapServiceLine(defs, "hubspot", "Legacy")).toEqual({ value: "unassigned", unmapped: "Legacy" });
    expect(mapServiceLine(defs, "hubspot", null)).toEqual({ value: "unassigned", unmapped: null });
    expect(mapSourceCategory(defs, "salesforce", "Web")).toEqual({ value: "marketing", unmapped: null });
    expect(mapSourceCategory(defs, "salesforce", "Fax")).toEqual({ value: "other", unmapped: "Fax" });
  });
});

describe("stagesAtOrAfter", () => {
  it("follows the lead path into deal stages; off-path stages only themselves", () => {
    expect(stagesAtOrAfter("sql")).toEqual(["sql", "opportunity", "proposal", "negotiation", "closed_won"]);
    expect(stagesAtOrAfter("recycled")).toEqual(["recycled"]);
    expect(stagesAtOrAfter("closed_lost")).toEqual(["closed_lost"]);
  });
});
