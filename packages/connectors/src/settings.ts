import { z } from "zod";

// What a connection stores: non-secret settings (validated with defaults) and sealed credentials.
export const hubspotSettingsSchema = z.object({
  baseUrl: z.url().optional().describe("API base URL; unset for https://api.hubapi.com"),
  serviceLineProperty: z.string().min(1).default("service_line"),
  sourceProperty: z.string().min(1).default("hs_analytics_source"),
  tierProperty: z.string().min(1).optional(),
  requestsPerTenSeconds: z.number().int().min(1).default(190),
  searchesPerSecond: z.number().int().min(1).default(5),
  requestTimeoutMs: z.number().int().min(100).default(30_000),
  lookbackMs: z.number().int().min(0).default(300_000),
  portalId: z
    .union([z.number().int().positive(), z.string().regex(/^\d+$/)])
    .optional()
    .describe("the HubSpot account id (Settings → Account), for links to records"),
});

export const hubspotCredentialsSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("private_app"),
    token: z.string().min(1),
    /** The app's client secret: verifies webhook signatures (X-HubSpot-Signature-v3). */
    webhookSecret: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal("oauth"),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    refreshToken: z.string().min(1),
  }),
]);

export const salesforceSettingsSchema = z.object({
  loginUrl: z.url().default("https://login.salesforce.com"),
  serviceLineField: z.string().min(1).default("Service_Line__c"),
  tierField: z.string().min(1).optional(),
  automatedField: z.string().min(1).optional(),
  apiVersion: z
    .string()
    .regex(/^\d+\.\d$/)
    .default("62.0"),
  requestsPerSecond: z.number().int().min(1).default(25),
  dailyApiShare: z
    .number()
    .gt(0)
    .max(1)
    .default(0.8)
    .describe(
      "share of the org's daily API allowance (Sforce-Limit-Info) a sync may reach; the rest is left to other tools",
    ),
  requestTimeoutMs: z.number().int().min(100).default(60_000),
  overlapMs: z.number().int().min(0).default(120_000),
  instanceUrl: z.url().optional().describe("the org's URL, for links to records; recorded at the first sync"),
});

export const salesforceCredentialsSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
});

export type HubspotSettings = z.infer<typeof hubspotSettingsSchema>;
export type SalesforceSettings = z.infer<typeof salesforceSettingsSchema>;
