// The story of tests/fixtures/story.json: its week, review instant and each record's id in both CRMs.
export const WEEK = "2026-W45";
export const AS_OF = "2026-11-09T09:45:00.000Z";
/** Hours as days, divided once like the product divides milliseconds (7 * (1/24) ≠ 7/24 in floats). */
export const hours = (h: number) => h / 24;

export const CRM_IDS = {
  hubspot: {
    L1: "101",
    L2: "102",
    L3: "103",
    L4: "104",
    L5: "105",
    L6: "106",
    L7: "107",
    D1: "201",
    D2: "202",
    D3: "203",
    D4: "204",
  },
  salesforce: {
    L1: "00Q000000000L01AAA",
    L2: "00Q000000000L02AAA",
    L3: "00Q000000000L03AAA",
    L4: "00Q000000000L04AAA",
    L5: "00Q000000000L05AAA",
    L6: "00Q000000000L06AAA",
    L7: "00Q000000000L07AAA",
    D1: "006000000000D01AAA",
    D2: "006000000000D02AAA",
    D3: "006000000000D03AAA",
    D4: "006000000000D04AAA",
  },
} as const;
export type StoryRecord = keyof (typeof CRM_IDS)["hubspot"];
export const WORKSPACES = { hubspot: "story-hubspot", salesforce: "story-salesforce" } as const;
