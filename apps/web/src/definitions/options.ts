import type { Definitions } from "./draft";

// The fixed vocabularies of the definitions (spec §1, §5, §6), as choices for the editor's selects.
const choices = (values: string[]) => values.map((value) => ({ value, label: value.replace(/_/g, " ") }));

export const leadStages = choices(["lead", "mql", "sal", "sql", "recycled"]);
export const dealStages = choices(["opportunity", "proposal", "negotiation", "closed_won", "closed_lost"]);
export const allStages = [...leadStages, ...dealStages];
export const sourceCategories = choices(["marketing", "sales", "partner", "other"]);
export const crms = [
  { value: "hubspot", label: "HubSpot" },
  { value: "salesforce", label: "Salesforce" },
];
export const crmObjects = [
  { value: "lead", label: "lead" },
  { value: "deal", label: "deal" },
];
export const slaKinds = [
  { value: "first_touch", label: "first touch (MQL → first touch)" },
  { value: "acceptance", label: "acceptance (MQL → accepted or rejected)" },
  { value: "stage_to_stage", label: "stage to stage" },
  { value: "stage_max_age", label: "maximum age in a stage" },
];
export const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map(
  (label, i) => ({ value: String(i + 1), label }),
);
export const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
].map((label, i) => ({ value: String(i + 1), label }));

/** The draft's service lines as choices (key, shown with its label). */
export const serviceLineChoices = (draft: Definitions) =>
  draft.serviceLines.map((line) => ({ value: line.key, label: line.label || line.key }));
