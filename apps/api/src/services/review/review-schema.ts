import { z } from "@hono/zod-openapi";

// Spec §7 response, field names of spec §4. Durations: minutes (response), hours (decision), days (velocity).
const nullableNumber = z.number().nullable();

const responseTime = z
  .object({
    mqls: z.number().int(),
    responded: z.number().int(),
    medianMinutes: nullableNumber,
    p90Minutes: nullableNumber,
    medianBusinessMinutes: nullableNumber,
    p90BusinessMinutes: nullableNumber,
    withinSla: z.number().int(),
    breached: z.number().int(),
    pending: z.number().int(),
    withinSlaRate: nullableNumber,
  })
  .openapi("ReviewResponseTime");

const acceptance = z
  .object({
    accepted: z.number().int(),
    rejected: z.number().int(),
    pending: z.number().int(),
    rate: nullableNumber,
    medianHoursToDecision: nullableNumber,
  })
  .openapi("ReviewAcceptance");

const coverage = z
  .object({
    period: z.string().openapi({ example: "FY2026-Q1" }),
    periodStart: z.string(),
    periodEnd: z.string(),
    openPipeline: z.number(),
    weightedPipeline: z.number(),
    closedWon: z.number(),
    quota: nullableNumber,
    remaining: nullableNumber,
    ratio: nullableNumber.describe("null when there is no quota or it is attained (remaining ≤ 0)"),
    weightedRatio: nullableNumber,
  })
  .openapi("ReviewCoverage");

const velocity = z
  .object({
    stage: z.string(),
    exits: z.number().int(),
    medianDays: nullableNumber,
    p75Days: nullableNumber,
    p90Days: nullableNumber,
    meanDays: nullableNumber,
    openCount: z.number().int(),
    stalled: z.number().int().nullable().describe("null when no stage_max_age rule covers the stage"),
  })
  .openapi("ReviewStageVelocity");

const conversion = z
  .object({
    mqls: z.number().int(),
    sal: z.number().int(),
    sql: z.number().int(),
    opportunity: z.number().int(),
    closed_won: z.number().int(),
    salRate: nullableNumber,
    sqlRate: nullableNumber,
    opportunityRate: nullableNumber,
    closedWonRate: nullableNumber,
    mqlToClosedWonRate: nullableNumber,
  })
  .openapi("ReviewConversion");

const winRate = z
  .object({
    won: z.number().int(),
    lost: z.number().int(),
    rate: nullableNumber,
    wonAmount: z.number(),
    lostAmount: z.number(),
    amountRate: nullableNumber,
  })
  .openapi("ReviewWinRate");

const share = z.object({ count: z.number().int(), amount: z.number() });
const sourceMix = z.object({ marketing: share, sales: share, partner: share, other: share }).openapi("ReviewSourceMix");

const reviewRowSchema = z
  .object({
    serviceLine: z.string().describe('"all" or a service-line key (including "unassigned")'),
    responseTime,
    acceptance,
    coverage,
    velocity: z.array(velocity),
    conversion,
    winRate,
    sourceMix,
  })
  .openapi("ReviewRow");

const reviewWeekSchema = z
  .object({ week: z.string(), start: z.string(), end: z.string(), rows: z.array(reviewRowSchema) })
  .openapi("ReviewWeek");

const freshnessSchema = z
  .object({
    connections: z.array(
      z.object({
        connectionId: z.string(),
        crm: z.enum(["hubspot", "salesforce"]),
        name: z.string(),
        lastSyncAt: z.string().nullable(),
      }),
    ),
    factsComputedAt: z.string().nullable().describe("when the precomputed facts were last written"),
    factsDefinitionsVersion: z
      .number()
      .int()
      .nullable()
      .describe("definitions version of the last full recompute; differs from definitionsVersion while one runs"),
  })
  .openapi("ReviewFreshness");

export const reviewSchema = z
  .object({
    workspace: z.string(),
    week: z.string().openapi({ example: "2026-W47" }),
    timezone: z.string(),
    start: z.string(),
    end: z.string(),
    asOf: z.string(),
    definitionsVersion: z.number().int(),
    computedFrom: z
      .enum(["facts", "records"])
      .describe("facts: the precomputed facts; records: recomputed on the fly for an older definitions version"),
    rows: z.array(reviewRowSchema),
    previous: reviewWeekSchema.describe("week W−1, same shape, also as of asOf"),
    trend: z
      .array(reviewWeekSchema)
      .describe(
        "the 12 weeks ending with W, oldest first, as of asOf; rows: `all` only, or the requested serviceLine (empty when trend=false)",
      ),
    freshness: freshnessSchema,
  })
  .openapi("Review");

export type ReviewBody = z.infer<typeof reviewSchema>;
export type ReviewWeekBody = z.infer<typeof reviewWeekSchema>;
