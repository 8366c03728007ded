import { z } from "@hono/zod-openapi";

/** One record behind a count; fields that do not apply to its kind are null (flat, so CSV has the same columns). */
const drilldownRecordSchema = z
  .object({
    recordType: z.enum(["lead", "deal"]),
    recordId: z.string(),
    crm: z.enum(["hubspot", "salesforce"]).nullable(),
    crmId: z.string().nullable(),
    name: z.string().nullable(),
    link: z.string().nullable().describe("the record's page in its CRM, when the connection says where"),
    ownerCrmId: z.string().nullable(),
    ownerName: z.string().nullable(),
    serviceLine: z.string(),
    sourceCategory: z.string(),
    cycleIndex: z.number().int().nullable().describe("MQL cycle (0-based) for cycle metrics"),
    stage: z.string().nullable(),
    provenance: z.string().nullable(),
    startAt: z.string().nullable().describe("cycle start, deal creation, or stage entry"),
    endAt: z.string().nullable().describe("cycle end, the close counted, or stage exit"),
    firstTouchAt: z.string().nullable(),
    wallMinutes: z.number().nullable(),
    businessMinutes: z.number().nullable(),
    sla: z.enum(["within", "breached", "pending"]).nullable(),
    outcome: z.enum(["accepted", "rejected", "pending"]).nullable(),
    decidedAt: z.string().nullable(),
    hoursToDecision: z.number().nullable(),
    days: z.number().nullable().describe("time in stage: until exit, or until the cutoff while open"),
    amount: z.number().nullable().describe("as of the cutoff (win rate: as of the close)"),
    closeDate: z.string().nullable(),
    probability: z.number().nullable(),
  })
  .openapi("ReviewRecord");

export type DrilldownRecord = z.infer<typeof drilldownRecordSchema>;

export const drilldownSchema = z
  .object({
    metric: z.string(),
    week: z.string(),
    asOf: z.string(),
    serviceLine: z.string(),
    total: z.number().int(),
    records: z.array(drilldownRecordSchema),
    nextCursor: z.string().nullable(),
  })
  .openapi("ReviewRecords");
