import type { DealFactRow, Definitions, ReviewFacts } from "@revops/core";
import { buildFacts, fiscalQuarterOf, isDealClose, reviewWindow } from "@revops/core";
import type { Database, ReviewFactsRange } from "@revops/db";
import {
  loadActivities,
  loadCycleFacts,
  loadDealFacts,
  loadDealRecords,
  loadExitSpanFacts,
  loadLeadRecords,
} from "@revops/db";

/** The instants and quarters a set of weeks needs, for SQL to pick a superset of facts. */
export function factsRange(workspaceId: string, defs: Definitions, weeks: string[], asOf: Date): ReviewFactsRange {
  const windows = weeks.map((week) => reviewWindow(defs, week, asOf));
  const periods = windows.map((w) => {
    const last = new Date(w.end.getTime() - 1);
    return fiscalDates(defs, last);
  });
  const from = new Date(Math.min(...windows.map((w) => w.start.getTime())));
  const to = new Date(Math.max(...windows.map((w) => w.end.getTime())));
  return {
    workspaceId,
    from,
    to,
    asOf,
    periodFrom: periods.map((p) => p.startDate).sort()[0] ?? "0000-01-01",
    periodTo:
      periods
        .map((p) => p.endDate)
        .sort()
        .at(-1) ?? "9999-12-31",
    latestCutoff: new Date(Math.min(asOf.getTime(), to.getTime())),
  };
}

function fiscalDates(defs: Definitions, instant: Date) {
  return fiscalQuarterOf(instant, defs.timezone, defs.fiscalYearStartMonth);
}

/** Reads the stored facts of the range (open spans are counted separately in SQL). */
export async function storedFacts(db: Database, range: ReviewFactsRange): Promise<ReviewFacts> {
  const [cycles, spans, deals] = await Promise.all([
    loadCycleFacts(db, range),
    loadExitSpanFacts(db, range),
    loadDealFacts(db, range),
  ]);
  return { cycles, spans, deals };
}

/**
 * Every fact of the workspace recomputed from the synced records under some definitions
 * (an older version): the cost of a full recompute, paid once for one request.
 */
export async function factsFromRecords(db: Database, workspaceId: string, defs: Definitions): Promise<ReviewFacts> {
  const [leads, deals, activities] = await Promise.all([
    loadLeadRecords(db, { workspaceId }),
    loadDealRecords(db, { workspaceId }),
    loadActivities(db, { workspaceId }),
  ]);
  const built = buildFacts({ leads, deals, activities, defs });
  return { cycles: built.cycles, spans: built.spans, deals: built.deals };
}

/** Facts restricted to what one week can use, so each week's aggregation scans only its own rows. */
export function factsForWeek(facts: ReviewFacts, defs: Definitions, week: string, asOf: Date): ReviewFacts {
  return weekFactsSelector(facts, defs)(week, asOf);
}

/** `factsForWeek` for many weeks over one set of facts: the deals' per-week picking is prepared once. */
export function weekFactsSelector(facts: ReviewFacts, defs: Definitions) {
  const dealsOf = weekDealSelector(facts.deals, defs);
  return (week: string, asOf: Date): ReviewFacts => {
    const { start, end, cutoff } = reviewWindow(defs, week, asOf);
    const inWeek = (at: Date | null) => at !== null && at >= start && at < end;
    return {
      cycles: facts.cycles.filter((c) => inWeek(c.startAt)),
      spans: facts.spans.filter(
        (s) => inWeek(s.leftAt) || (s.enteredAt <= cutoff && (s.leftAt === null || s.leftAt > cutoff)),
      ),
      deals: dealsOf(week, asOf),
    };
  };
}

/**
 * The deals of `factsForWeek`, for many weeks over one list: the same deals in the same order (coverage
 * sums floats in list order), but each deal's close instants and each quarter's close-date test are worked
 * out once instead of once per week (a 12-week trend over two quarters' deals spent most of its time here).
 */
export function weekDealSelector(deals: readonly DealFactRow[], defs: Definitions) {
  const created = deals.map((d) => d.deal.createdAt.getTime());
  const closes = deals.map((d) => d.transitions.filter(isDealClose).map((t) => t.at.getTime()));
  const byQuarter = new Map<string, boolean[]>();
  const closeDateIn = (startDate: string, endDate: string) => {
    const key = `${startDate}/${endDate}`;
    let found = byQuarter.get(key);
    if (!found) {
      found = deals.map((d) =>
        d.deal.closeDateChanges.some((c) => c.value !== null && c.value >= startDate && c.value < endDate),
      );
      byQuarter.set(key, found);
    }
    return found;
  };
  return (week: string, asOf: Date): DealFactRow[] => {
    const { start, end, cutoff } = reviewWindow(defs, week, asOf);
    const quarter = fiscalDates(defs, new Date(end.getTime() - 1));
    const inQuarter = closeDateIn(quarter.startDate, quarter.endDate);
    const [from, to, last] = [start.getTime(), end.getTime(), cutoff.getTime()];
    const inWeek = (at: number) => at >= from && at < to;
    return deals.filter((_, i) => {
      const at = created[i] as number;
      if (inWeek(at)) return true;
      if ((closes[i] as number[]).some(inWeek)) return true;
      if (at > last) return false;
      return inQuarter[i] as boolean;
    });
  };
}
