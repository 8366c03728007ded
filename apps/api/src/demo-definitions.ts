import { type Definitions, fiscalQuarterOf, type SourceCategory } from "@revops/core";

// The sandbox's service lines and lead sources, as each CRM spells them (packages/crm-sandbox catalog).
// Targets per 1,000 leads of the sandbox: a little above what its story wins in a quarter, so coverage means something.
const serviceLines = [
  { key: "advisory", label: "Advisory", salesforce: "Advisory", targetPerThousandLeads: 3_000_000 },
  { key: "implementation", label: "Implementation", salesforce: "Implementation", targetPerThousandLeads: 11_000_000 },
  {
    key: "managed_services",
    label: "Managed services",
    salesforce: "Managed Services",
    targetPerThousandLeads: 10_000_000,
  },
];
const sources: { hubspot: string; salesforce: string; category: SourceCategory }[] = [
  { hubspot: "ORGANIC_SEARCH", salesforce: "Web", category: "marketing" },
  { hubspot: "PAID_SEARCH", salesforce: "Advertisement", category: "marketing" },
  { hubspot: "EMAIL_MARKETING", salesforce: "Email", category: "marketing" },
  { hubspot: "SOCIAL_MEDIA", salesforce: "Social", category: "marketing" },
  { hubspot: "REFERRALS", salesforce: "Partner Referral", category: "partner" },
  { hubspot: "OFFLINE", salesforce: "Phone Inquiry", category: "sales" },
  { hubspot: "DIRECT_TRAFFIC", salesforce: "Other", category: "other" },
];

/**
 * The demo workspace's agreed definitions: the spec defaults plus the sandbox's service lines,
 * source categories and quarterly targets for the quarters the demo story covers.
 */
export function demoDefinitions(base: Definitions, now: Date, leads: number): Definitions {
  const quarterKeys = [-120, 0, 100].map(
    (days) =>
      fiscalQuarterOf(new Date(now.getTime() + days * 86_400_000), base.timezone, base.fiscalYearStartMonth).key,
  );
  return {
    ...base,
    serviceLines: serviceLines.map(({ key, label }) => ({ key, label })),
    serviceLineMap: serviceLines.flatMap((line) => [
      { crm: "hubspot" as const, value: line.key, serviceLine: line.key },
      { crm: "salesforce" as const, value: line.salesforce, serviceLine: line.key },
    ]),
    sourceCategoryMap: sources.flatMap((source) => [
      { crm: "hubspot" as const, value: source.hubspot, category: source.category },
      { crm: "salesforce" as const, value: source.salesforce, category: source.category },
    ]),
    targets: [...new Set(quarterKeys)].flatMap((fiscalQuarter) =>
      serviceLines.map((line) => ({
        serviceLine: line.key,
        fiscalQuarter,
        amount: Math.round((line.targetPerThousandLeads * leads) / 1_000 / 10_000) * 10_000,
      })),
    ),
  };
}
