import { describe, expect, it } from "vitest";
import { changedSections, type Definitions, fieldErrors, pathText, setAt } from "./draft";

describe("the definitions draft", () => {
  it("replaces one leaf without touching the original", () => {
    const before = { targets: [{ serviceLine: "all", fiscalQuarter: "FY2026-Q4", amount: 100 }] };
    const after = setAt(before, ["targets", 0, "amount"], 250);
    expect(after.targets[0]?.amount).toBe(250);
    expect(before.targets[0]?.amount).toBe(100);
    expect(pathText(["targets", 0, "amount"])).toBe("targets[0].amount");
  });

  it("puts each API message next to the field it names", () => {
    const { byField, general } = fieldErrors(
      'The definitions are not valid: targets[0].amount: must be at least 0; slaRules[2].startStage: unknown stage "mqll"; two rules share a key',
    );
    expect(byField.get("targets[0].amount")).toBe("must be at least 0");
    expect(byField.get("slaRules[2].startStage")).toBe('unknown stage "mqll"');
    expect(general).toEqual(["two rules share a key"]);
  });

  it("sends only the sections that changed", () => {
    const base = { timezone: "UTC", targets: [], serviceLines: [{ key: "a", label: "A" }] } as unknown as Definitions;
    const edited = setAt(base, ["serviceLines", 0, "label"], "Alpha");
    expect(changedSections(base, edited)).toEqual({ serviceLines: [{ key: "a", label: "Alpha" }] });
  });
});
