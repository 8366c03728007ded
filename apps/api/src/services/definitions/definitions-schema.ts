import { z } from "@hono/zod-openapi";
import { CANONICAL_STAGES } from "@revops/core";

// Structural shape of a definitions document; meaning (known stages, open hours...) is checked by core's validator.
const crm = z.enum(["hubspot", "salesforce"]);
const stage = z.string().openapi({ example: "mql", description: `one of ${CANONICAL_STAGES.join(", ")}` });

const stageMappingEntry = z.object({
  crm,
  object: z.enum(["lead", "deal"]),
  property: z.string().min(1),
  pipelineId: z.string().nullable().default(null),
  value: z.string(),
  stage,
});

const calendar = z.object({
  key: z.string().min(1),
  timezone: z.string(),
  weeklyHours: z.array(z.object({ weekday: z.number().int(), open: z.string(), close: z.string() })),
  holidays: z.array(z.string()).default([]),
});

const slaRule = z.object({
  key: z.string().min(1),
  name: z.string(),
  kind: z
    .string()
    .openapi({ example: "first_touch", description: "first_touch | acceptance | stage_to_stage | stage_max_age" }),
  startStage: stage,
  stopStages: z.array(stage).default([]),
  targetMinutes: z.number(),
  calendarKey: z.string(),
  filters: z
    .object({
      serviceLines: z.array(z.string()).optional(),
      sourceCategories: z.array(z.string()).optional(),
      tiers: z.array(z.string()).optional(),
    })
    .default({}),
  atRiskFraction: z.number().default(0.75),
  escalateAfterMinutes: z.number().nullable().default(null),
  channels: z.array(z.string()).default([]),
  escalationChannels: z.array(z.string()).default([]),
});

export const definitionsSchema = z
  .object({
    timezone: z.string().openapi({ example: "Europe/Berlin" }),
    fiscalYearStartMonth: z.number().int(),
    stageMapping: z.array(stageMappingEntry),
    serviceLines: z.array(z.object({ key: z.string().min(1), label: z.string() })),
    serviceLineMap: z.array(z.object({ crm, value: z.string(), serviceLine: z.string() })),
    sourceCategoryMap: z.array(z.object({ crm, value: z.string(), category: z.string() })),
    calendars: z.array(calendar),
    slaRules: z.array(slaRule),
    targets: z.array(z.object({ serviceLine: z.string(), fiscalQuarter: z.string(), amount: z.number() })),
  })
  .openapi("Definitions");

export const definitionChangeSchema = z
  .object({ path: z.string(), before: z.unknown(), after: z.unknown() })
  .openapi("DefinitionChange");
