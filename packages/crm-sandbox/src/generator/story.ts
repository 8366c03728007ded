import { type Random, seededRandom } from "../prng.ts";
import { addBusinessMinutes, DAY, MINUTE, nextOpening } from "./calendar.ts";
import { DEAL_STAGES, LOST_STEP, SERVICE_LINES, SOURCES, WON_STEP } from "./catalog.ts";

// One neutral story of the business; generator/hubspot.ts and generator/salesforce.ts write it in each CRM's shape.
type LeadStage = "lead" | "mql" | "sal" | "sql" | "opportunity" | "recycled";
type ActivityKind = "call" | "email" | "meeting" | "sequence_email" | "incoming_email";

interface StageEvent {
  at: number;
  stage: LeadStage;
}
interface Owner {
  index: number;
  firstName: string;
  lastName: string;
  email: string;
  serviceLine: number;
}
export interface LeadStory {
  index: number;
  /** When the contact was created (a HubSpot contact may exist before marketing hands it over). */
  createdAt: number;
  /** The first MQL handoff: when the Salesforce Lead is created and the record appears in both CRMs. */
  handoffAt: number;
  owner: number;
  source: number;
  serviceLine: number;
  events: StageEvent[];
  deal: number;
  deletedAt: number;
  /** Activity references: index * 4 + collection (0 calls, 1 emails, 2 meetings). */
  activities: number[];
}
interface Timed<T> {
  at: number;
  value: T;
}
export interface DealStory {
  index: number;
  createdAt: number;
  lead: number;
  owner: number;
  serviceLine: number;
  source: number;
  steps: Timed<number>[];
  amounts: Timed<number>[];
  closeDates: Timed<number>[];
  deletedAt: number;
  activities: number[];
}
export interface ActivityStory {
  index: number;
  at: number;
  kind: ActivityKind;
  lead: number;
  deal: number;
  owner: number;
}
export interface Story {
  seed: number;
  now: number;
  start: number;
  owners: Owner[];
  leads: LeadStory[];
  deals: DealStory[];
  calls: ActivityStory[];
  emails: ActivityStory[];
  meetings: ActivityStory[];
  /** Salesforce Tasks: calls and emails in time order. */
  tasks: ActivityStory[];
}

export interface StoryOptions {
  seed: number;
  leads: number;
  now: number;
  /** Story span before `now`; default 16 weeks. */
  spanDays?: number;
  /** Days of story after `now`, revealed as the live clock moves; default 0. */
  futureDays?: number;
}

const collectionOf = (kind: ActivityKind): number => (kind === "call" ? 0 : kind === "meeting" ? 2 : 1);

export function generateStory(options: StoryOptions): Story {
  const random = seededRandom(options.seed);
  const spanDays = options.spanDays ?? 112;
  const start = options.now - spanDays * DAY;
  const end = options.now + (options.futureDays ?? 0) * DAY;
  const total = Math.round((options.leads * (end - start)) / (options.now - start));
  const owners = makeOwners(options.leads);
  const arrivals = arrivalTimes(random, total, start, end);
  const story: Story = {
    seed: options.seed,
    now: options.now,
    start,
    owners,
    leads: [],
    deals: [],
    calls: [],
    emails: [],
    meetings: [],
    tasks: [],
  };
  const activities: ActivityStory[] = [];
  const deals: DealStory[] = [];
  const sourceWeights = SOURCES.reduce((sum, s) => sum + s.weight, 0);
  for (let index = 0; index < arrivals.length; index++) {
    const handoffAt = arrivals[index] ?? start;
    const serviceLine = random.int(0, SERVICE_LINES.length - 1);
    const lineOwners = owners.filter((o) => o.serviceLine === serviceLine);
    const owner = random.pick(lineOwners).index;
    let roll = random.next() * sourceWeights;
    let source = 0;
    while (source < SOURCES.length - 1 && roll >= (SOURCES[source]?.weight ?? 0))
      roll -= SOURCES[source++]?.weight ?? 0;
    const lead: LeadStory = {
      index,
      createdAt: handoffAt,
      handoffAt,
      owner,
      source,
      serviceLine,
      events: [],
      deal: -1,
      deletedAt: 0,
      activities: [],
    };
    if (random.chance(0.35)) {
      lead.createdAt = handoffAt - random.int(1, 30) * DAY - random.int(0, 600) * MINUTE;
      lead.events.push({ at: lead.createdAt, stage: "lead" });
    }
    lead.events.push({ at: handoffAt, stage: "mql" });
    const act = (kind: ActivityKind, at: number) =>
      activities.push({ index: 0, at, kind, lead: index, deal: lead.deal, owner });
    tellCycles(random, lead, handoffAt, act, (sqlAt) => {
      const deal = makeDeal(random, deals.length, lead, sqlAt);
      deals.push(deal);
      lead.deal = deal.index;
    });
    if (random.chance(0.01)) lead.deletedAt = lead.createdAt + random.int(1, 20) * DAY;
    story.leads.push(lead);
  }
  // Deals and activities get their ids in creation order, as both CRMs number them.
  deals.sort((a, b) => a.createdAt - b.createdAt);
  deals.forEach((deal, i) => {
    deal.index = i;
    const lead = story.leads[deal.lead];
    if (lead) lead.deal = i;
  });
  story.deals = deals;
  activities.sort((a, b) => a.at - b.at);
  for (const activity of activities) {
    const lead = story.leads[activity.lead];
    if (!lead) continue;
    const deal = lead.deal >= 0 ? deals[lead.deal] : undefined;
    activity.deal = deal && deal.createdAt <= activity.at ? deal.index : -1;
    const collection = collectionOf(activity.kind);
    const list = collection === 0 ? story.calls : collection === 2 ? story.meetings : story.emails;
    activity.index = list.length;
    list.push(activity);
    lead.activities.push(activity.index * 4 + collection);
    if (deal && activity.deal >= 0) deal.activities.push(activity.index * 4 + collection);
    if (activity.kind !== "meeting") story.tasks.push(activity);
  }
  return story;
}

function makeOwners(leads: number): Owner[] {
  const perLine = Math.max(2, Math.min(100, Math.round(leads / 1500)));
  const owners: Owner[] = [];
  for (let line = 0; line < SERVICE_LINES.length; line++) {
    for (let k = 0; k < perLine; k++) {
      const index = owners.length;
      const firstName = ["Alex", "Blake", "Casey", "Drew", "Emery", "Finley", "Harper", "Jordan"][index % 8] ?? "Alex";
      const lastName =
        ["Reed", "Shaw", "Cole", "Hart", "Lane", "Moss", "Price", "Wade", "Fox"][Math.floor(index / 8) % 9] ?? "Reed";
      const email = `${firstName}.${lastName}${index}@sandbox-services.example`.toLowerCase();
      owners.push({ index, firstName, lastName, email, serviceLine: line });
    }
  }
  return owners;
}

function arrivalTimes(random: Random, count: number, start: number, end: number): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const t = start + random.next() * (end - start);
    // Most handoffs land in office hours; the rest arrive evenings and weekends.
    times[i] = random.chance(0.85) ? nextOpening(t) + random.int(0, 420) * MINUTE : t;
  }
  times.sort();
  for (let i = 0; i < count; i++) times[i] = Math.min(end, Math.floor((times[i] ?? start) / 1000) * 1000);
  return times;
}

type Act = (kind: ActivityKind, at: number) => void;

function tellCycles(random: Random, lead: LeadStory, handoffAt: number, act: Act, convert: (at: number) => void): void {
  let cycleStart = handoffAt;
  for (let cycle = 0; cycle < 3; cycle++) {
    if (random.chance(0.85)) act("sequence_email", cycleStart + random.int(1, 5) * MINUTE);
    const r = random.next();
    const delay = r < 0.72 ? random.int(3, 60) : r < 0.92 ? random.int(61, 480) : r < 0.97 ? random.int(481, 2400) : -1;
    const touchAt = delay < 0 ? 0 : addBusinessMinutes(cycleStart, delay);
    if (touchAt) {
      act(random.chance(0.6) ? "call" : "email", touchAt);
      if (random.chance(0.3)) act("incoming_email", touchAt + random.int(30, 2 * 24 * 60) * MINUTE);
      for (let k = random.int(0, 2); k > 0; k--)
        act(random.chance(0.5) ? "call" : "email", touchAt + random.int(1, 9) * DAY);
    }
    const o = random.next();
    let endedAt = 0;
    if (touchAt && o < 0.62) {
      const salAt = addBusinessMinutes(touchAt, random.int(0, 480));
      lead.events.push({ at: salAt, stage: "sal" });
      if (random.chance(0.5))
        act("meeting", nextOpening(salAt + random.int(1, 5) * DAY) + random.int(0, 6) * 60 * MINUTE);
      if (random.chance(0.55)) {
        const sqlAt = nextOpening(salAt + random.int(2, 12) * DAY) + random.int(0, 400) * MINUTE;
        lead.events.push({ at: sqlAt, stage: "sql" }, { at: sqlAt + 60_000, stage: "opportunity" });
        convert(sqlAt);
        return;
      }
      if (!random.chance(0.4)) return;
      endedAt = salAt + random.int(7, 20) * DAY;
    } else if ((touchAt && o < 0.85) || (!touchAt && random.chance(0.1))) {
      endedAt = addBusinessMinutes(touchAt || cycleStart, random.int(30, 3 * 480));
    } else {
      return;
    }
    lead.events.push({ at: endedAt, stage: "recycled" });
    if (!random.chance(0.3)) return;
    // Re-qualified: marketing hands the lead over again a few weeks later.
    cycleStart = nextOpening(endedAt + random.int(14, 42) * DAY) + random.int(0, 400) * MINUTE;
    lead.events.push({ at: cycleStart, stage: "mql" });
  }
}

function makeDeal(random: Random, index: number, lead: LeadStory, createdAt: number): DealStory {
  const line = SERVICE_LINES[lead.serviceLine] ?? SERVICE_LINES[0];
  let amount = Math.round(random.int(line.amount[0], line.amount[1]) / 500) * 500;
  let closeDate = endOfMonth(createdAt + random.int(30, 100) * DAY);
  const deal: DealStory = {
    index,
    createdAt,
    lead: lead.index,
    owner: lead.owner,
    serviceLine: lead.serviceLine,
    source: lead.source,
    steps: [{ at: createdAt, value: 0 }],
    amounts: [{ at: createdAt, value: amount }],
    closeDates: [{ at: createdAt, value: closeDate }],
    deletedAt: 0,
    activities: [],
  };
  const r = random.next();
  const outcome = r < 0.35 ? "won" : r < 0.75 ? "lost" : "open";
  const last = outcome === "won" ? DEAL_STAGES.length - 3 : random.int(0, 4);
  let t = createdAt;
  for (let step = 1; step <= last; step++) {
    t += random.int(3, 15) * DAY + random.int(0, 480) * MINUTE;
    deal.steps.push({ at: t, value: step });
    if (step === 3 && random.chance(0.3)) {
      amount = Math.round((amount * (0.8 + random.next() * 0.4)) / 500) * 500;
      deal.amounts.push({ at: t + MINUTE, value: amount });
    }
    if (random.chance(0.15)) {
      closeDate = endOfMonth(closeDate + 20 * DAY);
      deal.closeDates.push({ at: t + 2 * MINUTE, value: closeDate });
    }
  }
  if (outcome !== "open") {
    t += random.int(2, 15) * DAY;
    deal.steps.push({ at: t, value: outcome === "won" ? WON_STEP : LOST_STEP });
    deal.closeDates.push({ at: t + MINUTE, value: startOfDay(t) });
  }
  if (random.chance(0.005)) deal.deletedAt = t + DAY;
  return deal;
}

function endOfMonth(at: number): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
}

function startOfDay(at: number): number {
  return Math.floor(at / DAY) * DAY;
}
