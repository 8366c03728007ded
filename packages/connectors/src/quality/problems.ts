/** Something wrong with one CRM record; the record is kept as far as valid and the problem listed. */
export interface RecordProblem {
  crmId: string;
  object: "lead" | "deal" | "activity";
  kind: "malformed_record" | "missing_field" | "malformed_date" | "huge_value" | "malformed_number";
  field: string;
  value: string | null;
  message: string;
}

/** Longest text kept from a CRM field; longer values are cut and reported. */
const MAX_TEXT = 1_000;
/** Amounts beyond this are not money (a typo or a pasted id): kept out and reported. */
const MAX_AMOUNT = 1e13;

/** Collects the problems of the records being converted. */
export class ProblemLog {
  readonly problems: RecordProblem[] = [];

  add(problem: RecordProblem): void {
    this.problems.push({ ...problem, value: problem.value === null ? null : problem.value.slice(0, 200) });
  }

  text(object: RecordProblem["object"], crmId: string, field: string, value: string | null | undefined): string | null {
    if (value === null || value === undefined || value === "") return null;
    if (value.length <= MAX_TEXT) return value;
    this.add({
      crmId,
      object,
      kind: "huge_value",
      field,
      value,
      message: `${field} is ${value.length} characters; kept the first ${MAX_TEXT}`,
    });
    return value.slice(0, MAX_TEXT);
  }

  /** A CRM timestamp (ISO 8601 or epoch milliseconds), or null with a problem when unreadable. */
  date(
    object: RecordProblem["object"],
    crmId: string,
    field: string,
    value: string | Date | null | undefined,
  ): Date | null {
    if (value === null || value === undefined || value === "") return null;
    const parsed = parseCrmDate(value);
    if (parsed) return parsed;
    this.add({ crmId, object, kind: "malformed_date", field, value: String(value), message: `${field} is not a date` });
    return null;
  }

  /** A money amount as text, or null with a problem when not a sane number. */
  amount(object: RecordProblem["object"], crmId: string, field: string, value: string | number | null | undefined) {
    if (value === null || value === undefined || value === "") return null;
    const amount = Number(value);
    if (!Number.isFinite(amount)) {
      this.add({
        crmId,
        object,
        kind: "malformed_number",
        field,
        value: String(value),
        message: `${field} is not a number`,
      });
      return null;
    }
    if (Math.abs(amount) > MAX_AMOUNT) {
      this.add({
        crmId,
        object,
        kind: "huge_value",
        field,
        value: String(value),
        message: `${field} ${value} is implausibly large`,
      });
      return null;
    }
    return String(amount);
  }
}

function parseCrmDate(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const text = value.trim();
  if (/^\d{10,14}$/.test(text)) return new Date(Number(text));
  // Salesforce writes +0000 offsets; Date.parse wants +00:00.
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  if (!/^\d{4}-\d{2}-\d{2}/.test(normalised)) return null;
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The calendar date of a close date (HubSpot sends midnight UTC datetimes, Salesforce plain dates). */
export function calendarDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}
