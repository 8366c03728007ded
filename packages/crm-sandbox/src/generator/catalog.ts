// The services business the generator describes, with each value as both CRMs spell it.

export const SERVICE_LINES = [
  { key: "advisory", salesforce: "Advisory", amount: [15_000, 60_000] },
  { key: "implementation", salesforce: "Implementation", amount: [40_000, 250_000] },
  { key: "managed_services", salesforce: "Managed Services", amount: [60_000, 240_000] },
] as const;

/** Lead sources: HubSpot `hs_analytics_source` value and Salesforce `LeadSource` picklist value. */
export const SOURCES = [
  { hubspot: "ORGANIC_SEARCH", salesforce: "Web", weight: 30 },
  { hubspot: "PAID_SEARCH", salesforce: "Advertisement", weight: 15 },
  { hubspot: "EMAIL_MARKETING", salesforce: "Email", weight: 15 },
  { hubspot: "REFERRALS", salesforce: "Partner Referral", weight: 15 },
  { hubspot: "OFFLINE", salesforce: "Phone Inquiry", weight: 10 },
  { hubspot: "SOCIAL_MEDIA", salesforce: "Social", weight: 8 },
  { hubspot: "DIRECT_TRAFFIC", salesforce: "Other", weight: 7 },
] as const;

/** Deal stage ladder: HubSpot default pipeline stage id and Salesforce StageName, in order. */
export const DEAL_STAGES = [
  {
    hubspot: "appointmentscheduled",
    label: "Appointment Scheduled",
    salesforce: "Prospecting",
    hsProbability: "0.2",
    sfProbability: 10,
  },
  {
    hubspot: "qualifiedtobuy",
    label: "Qualified To Buy",
    salesforce: "Qualification",
    hsProbability: "0.4",
    sfProbability: 20,
  },
  {
    hubspot: "presentationscheduled",
    label: "Presentation Scheduled",
    salesforce: "Value Proposition",
    hsProbability: "0.6",
    sfProbability: 50,
  },
  {
    hubspot: "decisionmakerboughtin",
    label: "Decision Maker Bought-In",
    salesforce: "Proposal/Price Quote",
    hsProbability: "0.8",
    sfProbability: 75,
  },
  {
    hubspot: "contractsent",
    label: "Contract Sent",
    salesforce: "Negotiation/Review",
    hsProbability: "0.9",
    sfProbability: 90,
  },
  { hubspot: "closedwon", label: "Closed Won", salesforce: "Closed Won", hsProbability: "1.0", sfProbability: 100 },
  { hubspot: "closedlost", label: "Closed Lost", salesforce: "Closed Lost", hsProbability: "0.0", sfProbability: 0 },
] as const;
export const WON_STEP = 5;
export const LOST_STEP = 6;

const FIRST_NAMES = [
  "Ada",
  "Ben",
  "Chloe",
  "Dev",
  "Elena",
  "Farid",
  "Grace",
  "Hugo",
  "Isla",
  "Jonas",
  "Kira",
  "Liam",
  "Maya",
  "Noah",
  "Olga",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tariq",
  "Uma",
  "Victor",
  "Wen",
  "Yusuf",
  "Zoe",
] as const;
const LAST_NAMES = [
  "Alvarez",
  "Brooks",
  "Chen",
  "Dubois",
  "Evans",
  "Fischer",
  "Garcia",
  "Haddad",
  "Ito",
  "Jensen",
  "Kowalski",
  "Larsen",
  "Moreau",
  "Nakamura",
  "Okafor",
  "Patel",
  "Rossi",
  "Schmidt",
  "Tanaka",
  "Varga",
  "Weber",
  "Young",
] as const;
const COMPANY_WORDS = [
  "Northwind",
  "Contoso",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Vandelay",
  "Stark",
  "Wayne",
  "Acme",
] as const;
const COMPANY_SUFFIXES = ["Logistics", "Health", "Bank", "Retail", "Energy", "Foods", "Media", "Labs"] as const;

export function personName(index: number): { firstName: string; lastName: string } {
  const firstName = FIRST_NAMES[index % FIRST_NAMES.length] ?? "Ada";
  const lastName = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length] ?? "Alvarez";
  return { firstName, lastName };
}

export function companyName(index: number): string {
  const word = COMPANY_WORDS[index % COMPANY_WORDS.length] ?? "Acme";
  const suffix = COMPANY_SUFFIXES[Math.floor(index / COMPANY_WORDS.length) % COMPANY_SUFFIXES.length] ?? "Labs";
  return `${word} ${suffix} ${Math.floor(index / 80) + 1}`;
}
